/**
 * Where an HTTP request entering the lab's Ingress controller goes, decided as ingress-nginx decides it. The controller
 * serves the Ingresses of its IngressClasses (spec.controller `k8s.io/ingress-nginx`), those without a class while one
 * of its classes is the default, and those annotated `kubernetes.io/ingress.class: nginx`. As ingress-nginx writes
 * nginx.conf, there is one server per rule host (exact, or a wildcard `*.example.com` standing for one DNS label) and
 * a catch-all server for rules without a host; the paths of all its Ingresses for a host are merged into that host's
 * server, the oldest Ingress keeping a path two of them define. A request goes to the server of its host, else of its
 * host's wildcard, else to the catch-all, and never on to another: a path no location of that server matches falls to
 * the server's root, which is the spec.defaultBackend of the Ingress that first named the host (for the catch-all, of
 * the oldest Ingress without rules), or ingress-nginx's own default backend, which answers 404.
 *
 * Within a server the longest path wins, and Exact before Prefix before ImplementationSpecific on equal length (the
 * order ingress-nginx writes locations in). Exact and Prefix mean what the Ingress API says (case-sensitive, Prefix by
 * `/`-separated elements; nginx's `= /foo` and `/foo/` locations); ImplementationSpecific is nginx's plain prefix, or,
 * once any Ingress of the host asks for `use-regex` or a `rewrite-target`, nginx's `~* "^path"` regex. Paths are
 * matched as the request sends them, without its query. Pure: the controller's HTTP and HTTPS servers act on these
 * decisions, and rebuild the table whenever an Ingress, IngressClass, Service or EndpointSlice changes.
 */
import type { EndpointSlice, Ingress, IngressClass, Service } from '@kubelab/api';
import type { IngressBackend, IngressServiceBackend } from 'kubernetes-types/networking/v1';
import type { PodEndpoint } from './upstream.js';

/** The controller string ingress-nginx answers for in an IngressClass's spec.controller. */
export const ingressNginxController = 'k8s.io/ingress-nginx';

/** What the controller received: the Host header (lowercase, without port), the request target, whether over TLS. */
export interface IngressRequest {
  host: string;
  /** The path with its query, as the request line sends it. */
  path: string;
  tls: boolean;
}

/** How ingress-nginx answers a request. */
export type IngressDecision =
  /** Proxied to one of `endpoints` at `path` (rewritten by rewrite-target, query kept). */
  | { kind: 'backend'; ingress: string; service: string; endpoints: PodEndpoint[]; path: string }
  /** Sent to HTTPS first (ssl-redirect, force-ssl-redirect). */
  | { kind: 'redirect'; location: string; status: 308 }
  /** No location and no default backend of an Ingress: ingress-nginx's default backend answers 404. */
  | { kind: 'not-found' }
  /** The backend Service has no ready endpoint for the port, or no such port, or does not exist: 503. */
  | { kind: 'unavailable'; ingress: string; service: string };

/** What an Ingress asks that the controller cannot serve, for a Warning Event on it. */
export interface IngressMisconfiguration {
  /** `namespace/name` of the Ingress. */
  ingress: string;
  reason: 'ServiceNotFound' | 'ServicePortNotFound' | 'UnsupportedBackend' | 'PathConflict' | 'InvalidPath';
  message: string;
}

/** A Service port's ready endpoints, named `namespace/name:port` with the port as the Ingress gives it. */
interface Upstream {
  service: string;
  endpoints: PodEndpoint[];
}

/** What ingress-nginx's rewrite phase does with an http request of a location, from its Ingress's annotations. */
interface Redirects {
  /** ssl-redirect: to HTTPS when a certificate is configured for the host (default true). */
  ssl: boolean;
  /** force-ssl-redirect: to HTTPS even without a certificate. */
  force: boolean;
  /** preserve-trailing-slash: keep the trailing `/` that the redirect otherwise drops. */
  preserveTrailingSlash: boolean;
}

interface Backend {
  /** `namespace/name` of the Ingress whose backend this is. */
  ingress: string;
  upstream: Upstream;
}

type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** One path of an Ingress, as its nginx location. */
interface Location extends Backend {
  matches: (path: string) => boolean;
  /** rewrite-target: the path's regex (nginx's `rewrite "(?i)path" target`) and the target with `$1`…`$9` in it. */
  rewrite?: { pattern: RegExp; target: string };
  redirects: Redirects;
}

/** A host's nginx server: its locations in the order they are tried, and what its root answers when none matches. */
interface Server {
  locations: Location[];
  root: { backend?: Backend; redirects: Redirects };
  /** The certificate ingress-nginx configures for the host: a TLS Secret, or its default one. */
  certificate?: { namespace: string; secretName: string } | 'default';
}

/** The controller's configuration, built once per change of what it follows. */
export interface IngressTable {
  /** Servers by rule host (`*.example.com` for a wildcard); `_` is the catch-all. */
  readonly servers: ReadonlyMap<string, Server>;
  readonly ours: readonly string[];
  readonly misconfigurations: readonly IngressMisconfiguration[];
}

const annotationPrefix = 'nginx.ingress.kubernetes.io/';
const legacyClassAnnotation = 'kubernetes.io/ingress.class';
/** The legacy class annotation's value ingress-nginx answers to (its --ingress-class). */
const legacyClassName = 'nginx';
const defaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';
const catchAll = '_';
const noRedirects: Redirects = { ssl: false, force: false, preserveTrailingSlash: false };
const pathTypeOrder: Record<PathType, number> = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 };

const keyOf = (obj: { metadata: { namespace?: string; name?: string } }) => `${obj.metadata.namespace}/${obj.metadata.name}`;

/** Go's strconv.ParseBool, with which ingress-nginx reads boolean annotations; anything else keeps the default. */
function flag(ing: Ingress, name: string, fallback: boolean): boolean {
  const value = ing.metadata.annotations?.[annotationPrefix + name];
  if (value !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (value !== undefined && ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  return fallback;
}

function redirectsOf(ing: Ingress): Redirects {
  return { ssl: flag(ing, 'ssl-redirect', true), force: flag(ing, 'force-ssl-redirect', false), preserveTrailingSlash: flag(ing, 'preserve-trailing-slash', false) };
}

/** Whether ingress-nginx serves `ing`: the legacy annotation decides when present, else spec.ingressClassName, else a default class of ours. */
function servedByUs(ing: Ingress, ourClasses: readonly IngressClass[]): boolean {
  const legacy = ing.metadata.annotations?.[legacyClassAnnotation];
  if (legacy !== undefined) return legacy === legacyClassName;
  const className = ing.spec?.ingressClassName;
  if (className) return ourClasses.some((c) => c.metadata.name === className);
  return ourClasses.some((c) => c.metadata.annotations?.[defaultClassAnnotation] === 'true');
}

/** Go's string order (bytes), which ingress-nginx sorts by. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** ingress-nginx's order: oldest first, then by namespace/name. */
function byAge(a: Ingress, b: Ingress): number {
  return compare(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') || compare(keyOf(a), keyOf(b));
}

/** `bar.example.com` → `*.example.com`: the one wildcard a host falls under; none for a single label. */
const wildcardOf = (host: string) => (host.includes('.') ? host.replace(/^[^.]*\./, '*.') : undefined);

/** Collects misconfigurations, each once per Ingress. */
class Findings {
  readonly list: IngressMisconfiguration[] = [];
  private readonly seen = new Set<string>();

  add(ing: Ingress, reason: IngressMisconfiguration['reason'], message: string): void {
    const key = `${keyOf(ing)} ${reason} ${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ ingress: keyOf(ing), reason, message });
  }
}

/**
 * Resolves an Ingress's service backend as ingress-nginx's serviceEndpoints does: the first Service port whose port,
 * targetPort or name is the backend's port, then the ready endpoints its EndpointSlices give for that port's name.
 */
function upstreamResolver(services: readonly Service[], slices: readonly EndpointSlice[], findings: Findings) {
  const serviceByKey = new Map(services.map((svc) => [keyOf(svc), svc]));
  const slicesOf = new Map<string, EndpointSlice[]>();
  for (const slice of slices) {
    const owner = `${slice.metadata.namespace}/${slice.metadata.labels?.['kubernetes.io/service-name'] ?? ''}`;
    slicesOf.set(owner, [...(slicesOf.get(owner) ?? []), slice]);
  }
  return (ing: Ingress, backend: IngressServiceBackend): Upstream => {
    const serviceKey = `${ing.metadata.namespace}/${backend.name}`;
    const portRef = backend.port?.name || String(backend.port?.number ?? '');
    const upstream: Upstream = { service: `${serviceKey}:${portRef}`, endpoints: [] };
    const svc = serviceByKey.get(serviceKey);
    if (!svc) {
      findings.add(ing, 'ServiceNotFound', `Service "${serviceKey}" not found`);
      return upstream;
    }
    const port = (svc.spec?.ports ?? []).find((p) => String(p.port) === portRef || (p.targetPort !== undefined && String(p.targetPort) === portRef) || (p.name ?? '') === portRef);
    if (!port) {
      findings.add(ing, 'ServicePortNotFound', `Service "${serviceKey}" has no port ${backend.port?.name ? `named "${portRef}"` : portRef}`);
      return upstream;
    }
    upstream.endpoints = (slicesOf.get(serviceKey) ?? []).flatMap((slice) => {
      const slicePort = (slice.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === 'TCP');
      if (slicePort?.port === undefined) return [];
      return (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false && e.addresses.length > 0 && e.nodeName)
        .map((e) => ({ ip: e.addresses[0], port: slicePort.port!, node: e.nodeName! }));
    });
    return upstream;
  };
}

/**
 * The certificate ingress-nginx gives `host` from the first Ingress with a TLS section that names it in a rule: the
 * Secret of the entry listing the host, else of an entry whose wildcard host covers it or that lists no hosts (where
 * ingress-nginx would check the certificate's names), else its default certificate.
 */
function certificateFrom(ing: Ingress, host: string): Server['certificate'] {
  const entries = ing.spec?.tls ?? [];
  const listing = entries.find((t) => t.hosts?.some((h) => h.toLowerCase() === host));
  const covering = listing ?? entries.find((t) => t.secretName && (!t.hosts?.length || t.hosts.some((h) => h.toLowerCase() === wildcardOf(host))));
  return covering?.secretName ? { namespace: ing.metadata.namespace ?? 'default', secretName: covering.secretName } : 'default';
}

/** A path's element-wise prefix test, as the Ingress API defines Prefix: `/foo` matches `/foo`, `/foo/`, `/foo/bar`, not `/foobar`. */
function prefixMatcher(prefix: string): (path: string) => boolean {
  const elements = (p: string) => p.split('/').filter((e) => e !== '');
  const wanted = elements(prefix);
  return (path) => {
    const got = elements(path);
    return wanted.every((e, i) => got[i] === e);
  };
}

/** An Ingress path waiting for its server to know whether it is in regex mode. */
interface PathDraft extends Backend {
  path: string;
  pathType: PathType;
  ing: Ingress;
  useRegex: boolean;
  rewriteTarget?: string;
  redirects: Redirects;
}

/** ingress-nginx's needsRewrite: a rewrite-target other than the path itself. */
const rewrites = (draft: PathDraft) => !!draft.rewriteTarget && draft.rewriteTarget !== draft.path;

/** Which request paths the path matches: Exact and Prefix as the Ingress API says, ImplementationSpecific as nginx's prefix or `~* "^path"`. */
function matcherOf(draft: PathDraft, regexMode: boolean): (path: string) => boolean {
  if (draft.pathType === 'Exact') return (path) => path === draft.path;
  if (draft.pathType === 'Prefix') return prefixMatcher(draft.path);
  if (!regexMode) return (path) => path.startsWith(draft.path);
  const pattern = new RegExp(`^${draft.path}`, 'i');
  return (path) => pattern.test(path);
}

/** The path as an nginx location; undefined (and a finding) when nginx would refuse its regex. */
function locationOf(draft: PathDraft, regexMode: boolean, findings: Findings): Location | undefined {
  try {
    const matches = matcherOf(draft, regexMode);
    const rewrite = rewrites(draft) ? { pattern: new RegExp(draft.path, 'i'), target: draft.rewriteTarget! } : undefined;
    return { ingress: draft.ingress, upstream: draft.upstream, matches, redirects: draft.redirects, ...(rewrite ? { rewrite } : {}) };
  } catch (e) {
    findings.add(draft.ing, 'InvalidPath', `path "${draft.path}" is not a valid regular expression: ${(e as Error).message}`);
    return undefined;
  }
}

/** The length ingress-nginx orders locations by; a Prefix's trailing `/` does not count, as it matches without one. */
const matchLength = (draft: PathDraft) => (draft.pathType === 'Prefix' ? draft.path.replace(/\/+$/, '') : draft.path).length;

/** A server's locations in the order nginx tries them: longest path first, Exact before Prefix before ImplementationSpecific. */
function locationsOf(drafts: readonly PathDraft[], findings: Findings): Location[] {
  const regexMode = drafts.some((d) => d.useRegex || rewrites(d));
  const ordered = [...drafts].sort((a, b) => matchLength(b) - matchLength(a) || pathTypeOrder[a.pathType] - pathTypeOrder[b.pathType]);
  return ordered.flatMap((draft) => locationOf(draft, regexMode, findings) ?? []);
}

interface ServerDraft {
  paths: PathDraft[];
  /** Which Ingress holds each `pathType path` of the server. */
  holders: Map<string, string>;
  root: Server['root'];
  certificate?: Server['certificate'];
}

/** An Ingress's backend, or undefined (and a finding) for a `resource` one, which ingress-nginx skips. */
type BackendOf = (ing: Ingress, backend: IngressBackend, what: string) => Backend | undefined;

/**
 * ingress-nginx's createServers: the catch-all, whose root is the default backend of the oldest Ingress without rules;
 * a server per rule host, whose root is the default backend (and redirect annotations) of the oldest Ingress naming
 * the host; and the certificate of the oldest Ingress with a TLS section naming it.
 */
function createServers(routed: readonly Ingress[], backendOf: BackendOf): Map<string, ServerDraft> {
  const everything: ServerDraft = { paths: [], holders: new Map(), root: { redirects: noRedirects } };
  const servers = new Map([[catchAll, everything]]);
  for (const ing of routed) {
    const fallback = ing.spec?.defaultBackend && backendOf(ing, ing.spec.defaultBackend, 'spec.defaultBackend');
    if (fallback && !ing.spec?.rules?.length && !everything.root.backend) {
      everything.root = { backend: fallback, redirects: noRedirects };
      everything.holders.set('Prefix /', fallback.ingress);
    }
    for (const rule of ing.spec?.rules ?? []) {
      const host = rule.host?.toLowerCase() || catchAll;
      if (!servers.has(host)) servers.set(host, { paths: [], holders: new Map(), root: { ...(fallback ? { backend: fallback } : {}), redirects: redirectsOf(ing) } });
      const server = servers.get(host)!;
      if (host !== catchAll && !server.certificate && ing.spec?.tls?.length) server.certificate = certificateFrom(ing, host);
    }
  }
  return servers;
}

/** ingress-nginx's getBackendServers: each path of each Ingress into its host's server, unless an older one holds it. */
function mergePaths(routed: readonly Ingress[], servers: Map<string, ServerDraft>, backendOf: BackendOf, findings: Findings): void {
  for (const ing of routed) {
    const rewriteTarget = ing.metadata.annotations?.[`${annotationPrefix}rewrite-target`];
    for (const rule of ing.spec?.rules ?? []) {
      const host = rule.host?.toLowerCase() || catchAll;
      const server = servers.get(host)!;
      for (const path of rule.http?.paths ?? []) {
        const nginxPath = path.path || '/';
        const backend = backendOf(ing, path.backend, `path "${nginxPath}"`);
        if (!backend) continue;
        const pathType = (path.pathType || 'ImplementationSpecific') as PathType;
        const holder = server.holders.get(`${pathType} ${nginxPath}`);
        if (holder !== undefined) {
          if (holder !== keyOf(ing)) findings.add(ing, 'PathConflict', `host "${host}" and path "${nginxPath}" is already defined in ingress ${holder}`);
          continue;
        }
        server.holders.set(`${pathType} ${nginxPath}`, keyOf(ing));
        server.paths.push({
          ...backend, ing, path: nginxPath, pathType,
          useRegex: flag(ing, 'use-regex', false), redirects: redirectsOf(ing), ...(rewriteTarget ? { rewriteTarget } : {}),
        });
      }
    }
  }
}

/**
 * The controller's configuration from the cluster's IngressClasses, Ingresses, Services and EndpointSlices, built as
 * ingress-nginx's controller builds its servers. Canary Ingresses (their weights are not modelled) take no traffic;
 * paths with a `resource` backend are left out, as ingress-nginx leaves them.
 */
export function ingressTable(classes: readonly IngressClass[], ingresses: readonly Ingress[], services: readonly Service[], slices: readonly EndpointSlice[]): IngressTable {
  const ourClasses = classes.filter((c) => c.spec?.controller === ingressNginxController);
  const ours = ingresses.filter((ing) => servedByUs(ing, ourClasses)).sort(byAge);
  const routed = ours.filter((ing) => !flag(ing, 'canary', false));
  const findings = new Findings();
  const resolve = upstreamResolver(services, slices, findings);
  const backendOf: BackendOf = (ing, backend, what) => {
    if (backend.service) return { ingress: keyOf(ing), upstream: resolve(ing, backend.service) };
    findings.add(ing, 'UnsupportedBackend', `${what} has a resource backend (${backend.resource?.kind} "${backend.resource?.name}"), which ingress-nginx does not serve`);
    return undefined;
  };
  const drafts = createServers(routed, backendOf);
  mergePaths(routed, drafts, backendOf, findings);
  const servers = new Map([...drafts].map(([host, draft]) => [host, {
    locations: locationsOf(draft.paths, findings), root: draft.root, ...(draft.certificate ? { certificate: draft.certificate } : {}),
  }]));
  return { servers, ours: ours.map(keyOf).sort(), misconfigurations: findings.list };
}

/** The certificate configured for `host`, looked up as ingress-nginx's certificate.lua does: the host's, else its wildcard's. */
function certificateFor(table: IngressTable, host: string): Server['certificate'] {
  const wildcard = wildcardOf(host);
  return table.servers.get(host)?.certificate ?? (wildcard ? table.servers.get(wildcard)?.certificate : undefined);
}

/** ingress-nginx's rewrite `(?i)path` → target: `$n` are the path regex's groups; the query follows, as nginx appends it. */
function rewritten(rewrite: NonNullable<Location['rewrite']>, requestPath: string): string {
  const [path, query] = splitQuery(requestPath);
  const match = rewrite.pattern.exec(path);
  if (!match) return requestPath;
  const target = rewrite.target.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
  if (!target.includes('?')) return query ? `${target}?${query}` : target;
  if (target.endsWith('?')) return target.slice(0, -1);
  return query ? `${target}&${query}` : target;
}

/** A request target's path and query (undefined without `?`): locations match the path alone. */
function splitQuery(requestPath: string): [string, string | undefined] {
  const at = requestPath.indexOf('?');
  return at < 0 ? [requestPath, undefined] : [requestPath.slice(0, at), requestPath.slice(at + 1)];
}

/**
 * What ingress-nginx does with `request`: picks the server of its host, the first location of it the path matches (or
 * the server's root), redirects an http request to HTTPS when that location's Ingress asks (the Location as its
 * lua_ingress builds it: without a trailing `/` unless preserve-trailing-slash, with `:httpsPort` when that is not
 * 443), else proxies to the backend's ready endpoints, or answers 404 or 503.
 */
export function routeRequest(table: IngressTable, request: IngressRequest, httpsPort = 443): IngressDecision {
  const host = request.host.toLowerCase().replace(/\.$/, '');
  const wildcard = wildcardOf(host);
  const server = table.servers.get(host) ?? (wildcard ? table.servers.get(wildcard) : undefined) ?? table.servers.get(catchAll)!;
  const [path] = splitQuery(request.path);
  const location = server.locations.find((l) => l.matches(path));
  const redirects = location?.redirects ?? server.root.redirects;
  if (!request.tls && (redirects.force || (redirects.ssl && certificateFor(table, host)))) {
    const uri = !redirects.preserveTrailingSlash && request.path.endsWith('/') ? request.path.slice(0, -1) : request.path;
    return { kind: 'redirect', status: 308, location: `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}${uri}` };
  }
  const backend = location ?? server.root.backend;
  if (!backend) return { kind: 'not-found' };
  const { service, endpoints } = backend.upstream;
  if (endpoints.length === 0) return { kind: 'unavailable', ingress: backend.ingress, service };
  return { kind: 'backend', ingress: backend.ingress, service, endpoints, path: location?.rewrite ? rewritten(location.rewrite, request.path) : request.path };
}

/** The TLS Secret whose certificate ingress-nginx serves for the SNI name `host`; undefined: its default certificate. */
export function tlsSecretFor(table: IngressTable, host: string): { namespace: string; secretName: string } | undefined {
  const certificate = certificateFor(table, host.toLowerCase().replace(/\.$/, ''));
  return certificate === 'default' ? undefined : certificate;
}

/** `namespace/name` of every Ingress the controller serves, whose status.loadBalancer it writes. */
export function ingressesOfOurs(table: IngressTable): readonly string[] {
  return table.ours;
}

/** What the served Ingresses ask that the controller cannot serve, for Warning Events. */
export function misconfigurations(table: IngressTable): readonly IngressMisconfiguration[] {
  return table.misconfigurations;
}
