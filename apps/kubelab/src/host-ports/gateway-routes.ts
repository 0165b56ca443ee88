/**
 * The decisions of the lab's Gateway API controller, as the Gateway API (standard channel) and its conformance tests
 * define them: which GatewayClasses are the controller's (their controllerName is its own) and which Gateways (their
 * class is), the status each of those and each HTTPRoute attached to them gets, what each Gateway's HTTP and HTTPS
 * listeners serve at the host address it was given, and where a request arriving at one of them goes. Pure: the
 * controller reads the cluster, writes the statuses, serves the listeners with these decisions, and rebuilds the table
 * whenever what it follows changes.
 *
 * Where the spec leaves the choice to the implementation, the lab's controller chooses so. A Gateway is accepted while
 * one of its listeners can serve, the others reported (ListenersNotValid) and not served; listeners a port cannot tell
 * apart (HTTP and HTTPS on one port, or one protocol and one hostname) are all refused, none picked as the winner. A
 * request goes only to the routes attached to the listener whose hostname names its Host most closely (listener
 * isolation). A rule the lab cannot implement (an unknown enumeration value, a regular expression JavaScript refuses,
 * CORS, a filter given twice, RequestRedirect with URLRewrite, ReplacePrefixMatch without a PathPrefix match) is dropped
 * (PartiallyInvalid), the route not accepted when no rule is left. RegularExpression matches are JavaScript regular
 * expressions that must match the whole path, header or query value, ranked after Exact paths and before PathPrefix
 * ones. An ExtensionRef filter names nothing the lab has, so the requests it would process are answered 500. A
 * redirect's Location keeps the request's query.
 */
import { labelSelectorFromObject, matchesLabels, sortedKeys, type EndpointSlice, type LabelSelector, type Namespace, type Secret, type Service } from '@kubelab/api';
import {
  gatewayGroup, type BackendObjectReference, type Condition, type ConditionStatus, type Gateway, type GatewayClass, type GatewayStatus, type GRPCRoute, type HTTPHeaderFilter,
  type HTTPPathModifier, type HTTPRequestMirrorFilter, type HTTPRequestRedirectFilter, type HTTPRoute, type HTTPRouteFilter, type HTTPRouteMatch, type HTTPRouteRule,
  type HTTPURLRewriteFilter, type Listener, type ListenerStatus, type ParentReference, type PathMatchType, type ReferenceGrant, type RouteGroupKind,
  type RouteParentStatus, type SecretObjectReference,
} from './gateway-api.js';
import type { PodEndpoint } from './upstream.js';

/** What the controller reads. */
export interface GatewayInput {
  /** The controllerName the lab's controller answers for (GatewayClasses whose spec.controllerName equals it are ours). */
  controllerName: string;
  classes: readonly GatewayClass[];
  gateways: readonly Gateway[];
  routes: readonly HTTPRoute[];
  /** GRPCRoutes, which no listener supports: only their statuses say so. */
  grpcRoutes?: readonly GRPCRoute[];
  grants: readonly ReferenceGrant[];
  services: readonly Service[];
  slices: readonly EndpointSlice[];
  /** For allowedRoutes.namespaces.from: Selector, which matches a namespace's labels. */
  namespaces: readonly Namespace[];
  /** For HTTPS listeners' certificateRefs (core Secrets of type kubernetes.io/tls with tls.crt and tls.key). */
  secrets: readonly Secret[];
  /** The host address each Gateway of ours was given, by `namespace/name`; a Gateway without one is not yet Programmed (reason AddressNotAssigned). */
  addresses: ReadonlyMap<string, string>;
  /** Now, RFC 3339 without fractional seconds (e.g. 2026-11-25T21:00:00Z), for a condition's lastTransitionTime when it changes. */
  now: string;
}

/** A status to write: the whole `status` of one object, only when it differs from the object's current status. */
export interface StatusWrite {
  plural: 'gatewayclasses' | 'gateways' | 'httproutes' | 'grpcroutes';
  /** `''` for a GatewayClass (cluster-scoped). */
  namespace: string;
  name: string;
  status: Record<string, unknown>;
}

/** One HTTP or HTTPS listener of a Gateway of ours, as it serves. */
export interface ServedListener {
  /** `namespace/name` of its Gateway. */
  gateway: string;
  /** The listener's name. */
  name: string;
  protocol: 'HTTP' | 'HTTPS';
  /** The listener's hostname (may be a wildcard `*.example.com`); none: every host. */
  hostname?: string;
  /** HTTPS: the certificate Secrets (`namespace/name`) it presents, resolved and permitted. */
  certificates: string[];
}

/** What the Gateways of ours serve, and the statuses to write. */
export interface GatewayTable {
  /** By host address and port (`127.240.0.3:80`): the accepted listeners on it (several may share a port with different hostnames). */
  ports: Map<string, ServedListener[]>;
  statuses: StatusWrite[];
  /** The routes attached to each served listener (by listenerKey), compiled for matching requests. */
  routing: Map<string, AttachedRoute[]>;
}

/** A request as the listener received it. */
export interface GatewayRequest {
  method: string;
  /** Host header, lowercase, without port. */
  host: string;
  /** The request target: path with its query, as the request line sends it. */
  path: string;
  /** Header names lowercase; values as Node's IncomingMessage.headers gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  tls: boolean;
}

/** How the controller answers a request. */
export type GatewayDecision =
  /**
   * Proxied to `endpoint` (one ready endpoint of the chosen backend Service port) at `path` (after URLRewrite, query
   * kept), with `requestHeaders` the full header set to send (RequestHeaderModifier applied, `host` after a hostname
   * rewrite, as `host` says too) and the response headers to change; `mirrors`: endpoints that also get a copy
   * (RequestMirror), their answers ignored.
   */
  | { kind: 'backend'; route: string; service: string; endpoint: PodEndpoint; path: string; host: string; requestHeaders: Record<string, string>; responseHeaders: { set: [string, string][]; add: [string, string][]; remove: string[] }; mirrors: PodEndpoint[] }
  /** RequestRedirect: the status (302 by default) and the Location built as the spec says. */
  | { kind: 'redirect'; route: string; status: number; location: string }
  /** No listener names the host, or no rule of its routes matches: 404. */
  | { kind: 'not-found' }
  /** The matched rule's chosen backend is invalid (not found, not permitted, wrong kind, all weights 0, none at all): 500, as the spec requires for that share of traffic. */
  | { kind: 'invalid-backend'; route: string }
  /** The backend Service port has no ready endpoint: 503. */
  | { kind: 'unavailable'; route: string; service: string };

/** Why the spec says something is not accepted, resolved or served: the reason as its Go constant words it, and a message. */
interface Problem {
  reason: string;
  message: string;
}

const isProblem = <T>(value: T | Problem): value is Problem => typeof value === 'object' && value !== null && 'reason' in value;

const keyOf = (obj: { metadata: { namespace?: string; name?: string } }) => `${obj.metadata.namespace}/${obj.metadata.name}`;

/** Go's string order (bytes), which the spec's alphabetical tie-break means. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The protocols the lab's listeners speak. */
const servedProtocols = new Set(['HTTP', 'HTTPS']);

/** The one route kind the controller serves, as a listener's supportedKinds names it. */
const httpRouteKind: RouteGroupKind = { group: gatewayGroup, kind: 'HTTPRoute' };

/** The key of a served listener in GatewayTable.routing. */
export const listenerKey = (listener: Pick<ServedListener, 'gateway' | 'name'>) => `${listener.gateway} ${listener.name}`;

// Hostnames: `''` stands for a listener or route that names none, and so every host.

const isWildcard = (hostname: string) => hostname.startsWith('*.');

/** Whether `hostname` names `host`: itself, or for `*.example.com` any name of one or more labels before `.example.com`. */
function namesHost(hostname: string, host: string): boolean {
  if (hostname === '') return true;
  if (!isWildcard(hostname)) return hostname === host;
  const suffix = hostname.slice(1);
  return host.length > suffix.length && host.endsWith(suffix);
}

/** Whether every host `inner` names is one `outer` names. */
function covers(outer: string, inner: string): boolean {
  if (outer === '' || outer === inner) return true;
  if (!isWildcard(outer) || inner === '') return false;
  return namesHost(outer, isWildcard(inner) ? inner.slice(2) : inner);
}

/** The hosts a listener's and a route's hostname both name, as the narrower of the two; undefined when they share none. */
function intersect(listenerHostname: string, routeHostname: string): string | undefined {
  if (covers(listenerHostname, routeHostname)) return routeHostname;
  if (covers(routeHostname, listenerHostname)) return listenerHostname;
  return undefined;
}

/** The hostnames a route serves on a listener: those of its own the listener's intersects, or the listener's when it names none. */
function routeHostnamesOn(listenerHostname: string, routeHostnames: readonly string[]): string[] {
  if (routeHostnames.length === 0) return [listenerHostname];
  return routeHostnames.flatMap((hostname) => intersect(listenerHostname, hostname) ?? []);
}

/** How closely a listener hostname names `host`: an exact name, then wildcards by their labels (`*.a.example.com` before `*.example.com`), then none; undefined when it does not. */
function closeness(hostname: string, host: string): number | undefined {
  if (!namesHost(hostname, host)) return undefined;
  if (hostname === '') return 0;
  return isWildcard(hostname) ? hostname.split('.').length : Number.MAX_SAFE_INTEGER;
}

/** The listener of those on one address whose hostname names `host` most closely: the one a request's Host (or a TLS client's SNI) goes to. */
export function listenerForHost(listeners: readonly ServedListener[], host: string): ServedListener | undefined {
  const ranked = listeners.flatMap((listener) => {
    const rank = closeness(listener.hostname ?? '', host);
    return rank === undefined ? [] : [{ listener, rank }];
  });
  return ranked.sort((a, b) => b.rank - a.rank)[0]?.listener;
}

// What references resolve against.

/** The cluster's objects that references resolve against, by `namespace/name` (namespaces by name). */
interface Cluster {
  services: ReadonlyMap<string, Service>;
  slicesOf: ReadonlyMap<string, EndpointSlice[]>;
  secrets: ReadonlyMap<string, Secret>;
  namespaceLabels: ReadonlyMap<string, Record<string, string>>;
  grants: readonly ReferenceGrant[];
}

function indexCluster(input: GatewayInput): Cluster {
  const slicesOf = new Map<string, EndpointSlice[]>();
  for (const slice of input.slices) {
    const owner = `${slice.metadata.namespace}/${slice.metadata.labels?.['kubernetes.io/service-name'] ?? ''}`;
    slicesOf.set(owner, [...(slicesOf.get(owner) ?? []), slice]);
  }
  return {
    services: new Map(input.services.map((svc) => [keyOf(svc), svc])),
    slicesOf,
    secrets: new Map(input.secrets.map((secret) => [keyOf(secret), secret])),
    namespaceLabels: new Map(input.namespaces.map((ns) => [ns.metadata.name ?? '', ns.metadata.labels ?? {}])),
    grants: input.grants,
  };
}

/** One end of a reference: an object's group, kind and namespace, and the referred object's name. */
interface ObjectEnd {
  group: string;
  kind: string;
  namespace: string;
}

/**
 * Whether `from` objects may refer to `to`: always within a namespace; across namespaces only when a ReferenceGrant of
 * `to`'s namespace lists `from`'s group, kind and namespace, and `to`'s group and kind with its name or none.
 */
function permitted(grants: readonly ReferenceGrant[], from: ObjectEnd, to: ObjectEnd & { name: string }): boolean {
  if (from.namespace === to.namespace) return true;
  return grants.some((grant) => grant.metadata.namespace === to.namespace
    && grant.spec.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace)
    && grant.spec.to.some((t) => t.group === to.group && t.kind === to.kind && (!t.name || t.name === to.name)));
}

const pemBlock = (label: string) => new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`);
const certificatePem = pemBlock('CERTIFICATE');
const privateKeyPem = pemBlock('(?:[A-Z]+ )?PRIVATE KEY');
const decoded = (data: string | undefined) => Buffer.from(data ?? '', 'base64').toString('latin1');

/** Whether a Secret is one a listener can present: type kubernetes.io/tls, a PEM certificate in tls.crt and a PEM private key in tls.key. */
function isTlsSecret(secret: Secret): boolean {
  return secret.type === 'kubernetes.io/tls' && certificatePem.test(decoded(secret.data?.['tls.crt'])) && privateKeyPem.test(decoded(secret.data?.['tls.key']));
}

/**
 * The Secret (`namespace/name`) a listener's certificateRef names, or why the listener cannot present it: not a core
 * Secret, or a missing or malformed one (InvalidCertificateRef), or another namespace's without a ReferenceGrant from
 * Gateways (RefNotPermitted, decided first, as InvalidCertificateRef is only for references that are allowed).
 */
function resolveCertificate(gateway: Gateway, ref: SecretObjectReference, cluster: Cluster): string | Problem {
  const gatewayNamespace = gateway.metadata.namespace ?? '';
  const namespace = ref.namespace ?? gatewayNamespace;
  const key = `${namespace}/${ref.name}`;
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Secret';
  if (group !== '' || kind !== 'Secret') return { reason: 'InvalidCertificateRef', message: `certificateRef ${key} is a ${kind} of group "${group}", not a core Secret` };
  if (!permitted(cluster.grants, { group: gatewayGroup, kind: 'Gateway', namespace: gatewayNamespace }, { group: '', kind: 'Secret', namespace, name: ref.name })) {
    return { reason: 'RefNotPermitted', message: `no ReferenceGrant in namespace ${namespace} lets Gateways of namespace ${gatewayNamespace} refer to Secret ${ref.name}` };
  }
  const secret = cluster.secrets.get(key);
  if (!secret) return { reason: 'InvalidCertificateRef', message: `Secret ${key} does not exist` };
  if (!isTlsSecret(secret)) return { reason: 'InvalidCertificateRef', message: `Secret ${key} is not a kubernetes.io/tls Secret with a PEM certificate in tls.crt and key in tls.key` };
  return key;
}

/** A Service port, `namespace/name:port`, and its ready endpoints. */
interface Upstream {
  service: string;
  endpoints: PodEndpoint[];
}

/** The ready endpoints a Service's EndpointSlices list for one of its ports (by the port's name), at the port they give. */
function readyEndpoints(slices: readonly EndpointSlice[], portName: string): PodEndpoint[] {
  return slices.flatMap((slice) => {
    const slicePort = (slice.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === 'TCP');
    if (slicePort?.port === undefined) return [];
    return (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false && e.addresses.length > 0 && e.nodeName)
      .map((e) => ({ ip: e.addresses[0], port: slicePort.port!, node: e.nodeName! }));
  });
}

/**
 * The Service port a route's backendRef names (its port is the Service's port, not the target port), or why it names
 * none: a kind other than a core Service (InvalidKind), another namespace's Service without a ReferenceGrant from the
 * route's namespace (RefNotPermitted), or a Service or port that does not exist (BackendNotFound).
 */
function resolveBackend(route: HTTPRoute, ref: BackendObjectReference, cluster: Cluster): Upstream | Problem {
  const routeNamespace = route.metadata.namespace ?? '';
  const namespace = ref.namespace ?? routeNamespace;
  const key = `${namespace}/${ref.name}`;
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  if (group !== '' || kind !== 'Service') return { reason: 'InvalidKind', message: `backendRef ${key} is a ${kind} of group "${group}"; the lab sends only to core Services` };
  if (!permitted(cluster.grants, { group: gatewayGroup, kind: 'HTTPRoute', namespace: routeNamespace }, { group: '', kind: 'Service', namespace, name: ref.name })) {
    return { reason: 'RefNotPermitted', message: `no ReferenceGrant in namespace ${namespace} lets HTTPRoutes of namespace ${routeNamespace} refer to Service ${ref.name}` };
  }
  const service = cluster.services.get(key);
  if (!service) return { reason: 'BackendNotFound', message: `Service ${key} does not exist` };
  const port = (service.spec?.ports ?? []).find((p) => p.port === ref.port);
  if (!port) return { reason: 'BackendNotFound', message: ref.port === undefined ? `backendRef to Service ${key} has no port` : `Service ${key} has no port ${ref.port}` };
  return { service: `${key}:${ref.port}`, endpoints: readyEndpoints(cluster.slicesOf.get(key) ?? [], port.name ?? '') };
}

// Gateways and their listeners.

/** A listener of a Gateway of ours, as the controller judged it. */
interface JudgedListener {
  spec: Listener;
  /** HTTPRoute for an HTTP or HTTPS listener whose allowedRoutes.kinds names it or no kind; else none. */
  supportedKinds: RouteGroupKind[];
  /** Why the lab cannot serve it at all (UnsupportedProtocol, UnsupportedValue). */
  unsupported?: Problem;
  /** Why a listener of its port cannot be told apart from it (ProtocolConflict, HostnameConflict). */
  conflict?: Problem;
  /** A kind allowedRoutes names that it does not take (InvalidRouteKinds): reported, the kinds it takes still served. */
  invalidKinds?: Problem;
  /** Why it has no certificate to present (InvalidCertificateRef, RefNotPermitted). */
  badCertificate?: Problem;
  /** HTTPS listeners of its port whose hostnames overlap its own (OverlappingHostnames). */
  overlapping?: Problem;
  certificates: string[];
}

const refusalOf = (listener: JudgedListener) => listener.unsupported ?? listener.conflict;
/** Whether a listener can be programmed: accepted, with its certificates resolved. */
const serves = (listener: JudgedListener) => !refusalOf(listener) && !listener.badCertificate;

/** The route kinds a listener takes, and the first kind its allowedRoutes names that it does not. */
function routeKindsOf(listener: Listener): { supportedKinds: RouteGroupKind[]; invalidKinds?: Problem } {
  const takesHttpRoutes = servedProtocols.has(listener.protocol);
  const named = listener.allowedRoutes?.kinds ?? [];
  if (named.length === 0) return { supportedKinds: takesHttpRoutes ? [httpRouteKind] : [] };
  const isHttpRoute = (k: RouteGroupKind) => (k.group ?? gatewayGroup) === gatewayGroup && k.kind === 'HTTPRoute';
  const refused = named.find((k) => !takesHttpRoutes || !isHttpRoute(k));
  const invalidKinds = refused && { reason: 'InvalidRouteKinds', message: `a ${listener.protocol} listener takes no ${refused.kind} of group "${refused.group ?? gatewayGroup}"` };
  return { supportedKinds: takesHttpRoutes && named.some(isHttpRoute) ? [httpRouteKind] : [], ...(invalidKinds ? { invalidKinds } : {}) };
}

/** Why the lab cannot serve a listener at all: a protocol besides HTTP and HTTPS, HTTPS without terminating TLS, or client certificates to validate. */
function unsupportedIn(gateway: Gateway, listener: Listener): Problem | undefined {
  if (!servedProtocols.has(listener.protocol)) return { reason: 'UnsupportedProtocol', message: `the lab serves HTTP and HTTPS listeners, not ${listener.protocol}` };
  if (listener.protocol !== 'HTTPS') return undefined;
  if ((listener.tls?.mode ?? 'Terminate') !== 'Terminate') return { reason: 'UnsupportedValue', message: `an HTTPS listener terminates TLS; tls.mode ${listener.tls?.mode} is for TLS listeners` };
  if (gateway.spec.tls?.frontend) return { reason: 'UnsupportedValue', message: 'the lab does not validate client certificates (spec.tls.frontend)' };
  return undefined;
}

/** The certificate Secrets an HTTPS listener presents (none for HTTP), or the first reason it has none to. */
function certificatesOf(gateway: Gateway, listener: Listener, cluster: Cluster): string[] | Problem {
  if (listener.protocol !== 'HTTPS') return [];
  const refs = listener.tls?.certificateRefs ?? [];
  if (refs.length === 0) return { reason: 'InvalidCertificateRef', message: 'an HTTPS listener needs tls.certificateRefs' };
  const resolved = refs.map((ref) => resolveCertificate(gateway, ref, cluster));
  return resolved.find(isProblem) ?? (resolved as string[]);
}

const listenerNames = (listeners: readonly Listener[]) => listeners.map((l) => l.name).join(', ');

/**
 * The listeners that share a port with one they cannot be told apart from, by name: an HTTP and an HTTPS listener on
 * one port (ProtocolConflict), else listeners of one protocol with one hostname (HostnameConflict). Listeners of
 * protocols the lab does not serve conflict with none.
 */
function conflictsOf(listeners: readonly Listener[]): Map<string, Problem> {
  const served = listeners.filter((l) => servedProtocols.has(l.protocol));
  const conflicts = new Map<string, Problem>();
  for (const listener of served) {
    const samePort = served.filter((other) => other !== listener && other.port === listener.port);
    const otherProtocol = samePort.filter((other) => other.protocol !== listener.protocol);
    const sameHostname = samePort.filter((other) => (other.hostname ?? '') === (listener.hostname ?? ''));
    if (otherProtocol.length > 0) {
      conflicts.set(listener.name, { reason: 'ProtocolConflict', message: `port ${listener.port} is ${otherProtocol[0].protocol} for listener(s) ${listenerNames(otherProtocol)}` });
    } else if (sameHostname.length > 0) {
      conflicts.set(listener.name, { reason: 'HostnameConflict', message: `listener(s) ${listenerNames(sameHostname)} on port ${listener.port} have the same hostname` });
    }
  }
  return conflicts;
}

/** HTTPS listeners whose different hostnames overlap another's on the same port (`*.example.com` and `foo.example.com`), by name, as the spec requires them detected. */
function overlapsOf(listeners: readonly Listener[]): Map<string, Problem> {
  const https = listeners.filter((l) => l.protocol === 'HTTPS');
  const overlaps = new Map<string, Problem>();
  for (const listener of https) {
    const own = listener.hostname ?? '';
    const overlapping = https.filter((other) => other.port === listener.port && (other.hostname ?? '') !== own && (covers(other.hostname ?? '', own) || covers(own, other.hostname ?? '')));
    if (overlapping.length > 0) overlaps.set(listener.name, { reason: 'OverlappingHostnames', message: `its hostname overlaps those of listener(s) ${listenerNames(overlapping)}` });
  }
  return overlaps;
}

/** A Gateway of ours as the controller judged it. */
interface JudgedGateway {
  gateway: Gateway;
  key: string;
  address?: string;
  /** An infrastructure.parametersRef, which the lab has no parameters for: the Gateway is not accepted (InvalidParameters). */
  invalidParameters?: Problem;
  listeners: JudgedListener[];
}

function judgeGateway(gateway: Gateway, input: GatewayInput, cluster: Cluster): JudgedGateway {
  const listeners = gateway.spec.listeners;
  const conflicts = conflictsOf(listeners);
  const overlaps = overlapsOf(listeners);
  const parametersRef = gateway.spec.infrastructure?.parametersRef;
  const judged = listeners.map((listener): JudgedListener => {
    const certificates = certificatesOf(gateway, listener, cluster);
    return {
      spec: listener,
      ...routeKindsOf(listener),
      unsupported: unsupportedIn(gateway, listener),
      conflict: conflicts.get(listener.name),
      badCertificate: isProblem(certificates) ? certificates : undefined,
      overlapping: overlaps.get(listener.name),
      certificates: isProblem(certificates) ? [] : certificates,
    };
  });
  return {
    gateway, key: keyOf(gateway), address: input.addresses.get(keyOf(gateway)), listeners: judged,
    ...(parametersRef ? { invalidParameters: { reason: 'InvalidParameters', message: `the lab's Gateway controller takes no parameters (${parametersRef.kind} ${parametersRef.name})` } } : {}),
  };
}

/** A Gateway's Accepted condition: accepted while a listener can serve, ListenersNotValid naming those that cannot or name invalid route kinds. */
function gatewayAcceptance(judged: JudgedGateway): [ConditionStatus, string, string] {
  if (judged.invalidParameters) return ['False', judged.invalidParameters.reason, judged.invalidParameters.message];
  const flawed = judged.listeners.filter((l) => !serves(l) || l.invalidKinds).map((l) => l.spec.name);
  if (flawed.length === 0) return ['True', 'Accepted', 'Gateway is accepted'];
  const message = `listener(s) ${flawed.join(', ')} not valid`;
  return judged.listeners.some(serves) ? ['True', 'ListenersNotValid', message] : ['False', 'ListenersNotValid', message];
}

const isAccepted = (judged: JudgedGateway) => gatewayAcceptance(judged)[0] === 'True';

// HTTPRoutes: their rules compiled, and how they attach.

/** A rule the lab cannot implement, and why: it is dropped from its route. */
class RuleRefused extends Error {
  constructor(readonly reason: 'UnsupportedValue' | 'IncompatibleFilters', message: string) {
    super(message);
  }
}

/** A JavaScript regular expression that must match a whole value. */
function wholeValueRegex(source: string, what: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch (e) {
    throw new RuleRefused('UnsupportedValue', `${what} regular expression ${JSON.stringify(source)} is invalid: ${(e as Error).message}`);
  }
}

/** A test of a header or query parameter value: Exact (the default), or RegularExpression. */
function valueTest(type: string | undefined, value: string, what: string): (actual: string) => boolean {
  if ((type ?? 'Exact') === 'Exact') return (actual) => actual === value;
  if (type !== 'RegularExpression') throw new RuleRefused('UnsupportedValue', `${what} match type ${type} is not supported`);
  const pattern = wholeValueRegex(value, what);
  return (actual) => pattern.test(actual);
}

/** A test of a request path: Exact (case-sensitive, whole), PathPrefix (by `/`-separated elements, a trailing `/` ignored), or RegularExpression. */
function pathTest(type: string, value: string): (path: string) => boolean {
  if (type === 'Exact') return (path) => path === value;
  if (type === 'RegularExpression') {
    const pattern = wholeValueRegex(value, 'path');
    return (path) => pattern.test(path);
  }
  if (type !== 'PathPrefix') throw new RuleRefused('UnsupportedValue', `path match type ${type} is not supported`);
  const prefix = value.replace(/\/+$/, '');
  return (path) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/** The first entry of each name (folded by `fold`): the spec ignores later ones of an equivalent name. */
function firstOfEachName<T extends { name: string }>(entries: readonly T[], fold: (name: string) => string): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const name = fold(entry.name);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

const httpMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/** A test of a header or query parameter, by name. */
interface NamedTest {
  name: string;
  test: (value: string) => boolean;
}

/** A match of a rule, ready to test requests with. */
interface CompiledMatch {
  pathType: PathMatchType;
  pathValue: string;
  testPath: (path: string) => boolean;
  method?: string;
  /** By lowercase name. */
  headers: NamedTest[];
  queryParams: NamedTest[];
}

function compileMatch(match: HTTPRouteMatch): CompiledMatch {
  const pathType = match.path?.type ?? 'PathPrefix';
  const pathValue = match.path?.value ?? '/';
  if (match.method !== undefined && !httpMethods.has(match.method)) throw new RuleRefused('UnsupportedValue', `method ${match.method} is not supported`);
  return {
    pathType, pathValue, testPath: pathTest(pathType, pathValue),
    ...(match.method ? { method: match.method } : {}),
    headers: firstOfEachName(match.headers ?? [], (name) => name.toLowerCase()).map((h) => ({ name: h.name.toLowerCase(), test: valueTest(h.type, h.value, `header ${h.name}`) })),
    queryParams: firstOfEachName(match.queryParams ?? [], (name) => name).map((q) => ({ name: q.name, test: valueTest(q.type, q.value, `query parameter ${q.name}`) })),
  };
}

/** A RequestMirror filter's Service port, and the share of requests it gets a copy of. */
interface Mirror {
  upstream: Upstream;
  share: number;
}

/** What a rule's (or a backendRef's) filters do to the requests they process. */
interface CompiledFilters {
  requestHeaders: HTTPHeaderFilter[];
  responseHeaders: HTTPHeaderFilter[];
  redirect?: HTTPRequestRedirectFilter;
  rewrite?: HTTPURLRewriteFilter;
  mirrors: Mirror[];
  /** An ExtensionRef names a filter the lab does not have: the requests it would process are answered 500. */
  unresolvable: boolean;
}

const filterTypes = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'CORS', 'ExtensionRef']);
/** The filters a rule or backendRef may have once at most. */
const singleFilters = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite', 'CORS'];
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Refuses a path modifier of an unknown type, or a ReplacePrefixMatch on a rule with a match that is not PathPrefix. */
function checkPathModifier(modifier: HTTPPathModifier | undefined, matches: readonly CompiledMatch[]): void {
  if (!modifier || modifier.type === 'ReplaceFullPath') return;
  if (modifier.type !== 'ReplacePrefixMatch') throw new RuleRefused('UnsupportedValue', `path modifier type ${modifier.type} is not supported`);
  if (matches.some((m) => m.pathType !== 'PathPrefix')) throw new RuleRefused('UnsupportedValue', 'ReplacePrefixMatch needs every match of its rule to be a PathPrefix');
}

/** Refuses filters the lab cannot run, or not together: an unknown type or value, CORS, a filter given twice, RequestRedirect with URLRewrite. */
function checkFilters(filters: readonly HTTPRouteFilter[], matches: readonly CompiledMatch[]): void {
  const unknown = filters.find((f) => !filterTypes.has(f.type));
  if (unknown) throw new RuleRefused('UnsupportedValue', `filter type ${unknown.type} is not supported`);
  if (filters.some((f) => f.type === 'CORS')) throw new RuleRefused('IncompatibleFilters', 'the lab does not implement the CORS filter');
  const repeated = singleFilters.find((type) => filters.filter((f) => f.type === type).length > 1);
  if (repeated) throw new RuleRefused('IncompatibleFilters', `the ${repeated} filter is given more than once`);
  const redirect = filters.find((f) => f.type === 'RequestRedirect')?.requestRedirect;
  const rewrite = filters.find((f) => f.type === 'URLRewrite')?.urlRewrite;
  if (redirect && rewrite) throw new RuleRefused('IncompatibleFilters', 'RequestRedirect and URLRewrite cannot be combined');
  if (redirect?.scheme !== undefined && !['http', 'https'].includes(redirect.scheme)) throw new RuleRefused('UnsupportedValue', `redirect scheme ${redirect.scheme} is not supported`);
  if (redirect?.statusCode !== undefined && !redirectStatuses.has(redirect.statusCode)) throw new RuleRefused('UnsupportedValue', `redirect statusCode ${redirect.statusCode} is not supported`);
  checkPathModifier(redirect?.path, matches);
  checkPathModifier(rewrite?.path, matches);
}

/** The share of requests a RequestMirror copies: percent, else fraction (denominator 100 by default), else all. */
function mirrorShare(mirror: HTTPRequestMirrorFilter): number {
  if (mirror.percent !== undefined) return mirror.percent / 100;
  if (mirror.fraction) return mirror.fraction.numerator / (mirror.fraction.denominator ?? 100);
  return 1;
}

type Resolve = (ref: BackendObjectReference) => Upstream | Problem;

/** A RequestMirror whose backendRef resolves; none when it does not (ResolvedRefs reports it). */
function mirrorOf(mirror: HTTPRequestMirrorFilter, resolve: Resolve): Mirror[] {
  const upstream = resolve(mirror.backendRef);
  return isProblem(upstream) ? [] : [{ upstream, share: mirrorShare(mirror) }];
}

function compileFilters(filters: readonly HTTPRouteFilter[], matches: readonly CompiledMatch[], resolve: Resolve): CompiledFilters {
  checkFilters(filters, matches);
  const redirect = filters.find((f) => f.type === 'RequestRedirect');
  const rewrite = filters.find((f) => f.type === 'URLRewrite');
  return {
    requestHeaders: filters.flatMap((f) => (f.type === 'RequestHeaderModifier' && f.requestHeaderModifier ? [f.requestHeaderModifier] : [])),
    responseHeaders: filters.flatMap((f) => (f.type === 'ResponseHeaderModifier' && f.responseHeaderModifier ? [f.responseHeaderModifier] : [])),
    ...(redirect ? { redirect: redirect.requestRedirect ?? {} } : {}),
    ...(rewrite ? { rewrite: rewrite.urlRewrite ?? {} } : {}),
    mirrors: filters.flatMap((f) => (f.type === 'RequestMirror' && f.requestMirror ? mirrorOf(f.requestMirror, resolve) : [])),
    unresolvable: filters.some((f) => f.type === 'ExtensionRef'),
  };
}

/** A backendRef of a rule: its weight, the Service port it sends to or why it cannot (its share of requests answered 500), and its own filters. */
interface CompiledBackend {
  weight: number;
  target: Upstream | Problem;
  filters: CompiledFilters;
}

interface CompiledRule {
  matches: CompiledMatch[];
  filters: CompiledFilters;
  backends: CompiledBackend[];
}

/** A rule as the controller serves it; without matches it matches every request (PathPrefix `/`). */
function compileRule(rule: HTTPRouteRule, resolve: Resolve): CompiledRule {
  const matches = (rule.matches?.length ? rule.matches : [{}]).map(compileMatch);
  return {
    matches,
    filters: compileFilters(rule.filters ?? [], matches, resolve),
    backends: (rule.backendRefs ?? []).map((ref) => ({ weight: ref.weight ?? 1, target: resolve(ref), filters: compileFilters(ref.filters ?? [], matches, resolve) })),
  };
}

/** A rule dropped from its route, by its index in spec.rules. */
interface DroppedRule extends Problem {
  index: number;
}

/** An HTTPRoute as the controller serves it. */
interface CompiledRoute {
  route: HTTPRoute;
  key: string;
  created: string;
  /** The rules it serves, in its order. */
  rules: CompiledRule[];
  dropped: DroppedRule[];
  /** The first reference of its rules that does not resolve (ResolvedRefs False). */
  unresolved?: Problem;
}

/** The first reference of a route's rules that does not resolve: a backendRef, a RequestMirror's, or an ExtensionRef filter (InvalidKind: the lab has no extension filters). */
function unresolvedRef(rules: readonly HTTPRouteRule[], resolve: Resolve): Problem | undefined {
  for (const rule of rules) {
    const filters = [...(rule.filters ?? []), ...(rule.backendRefs ?? []).flatMap((b) => b.filters ?? [])];
    const mirrored = filters.flatMap((f) => (f.type === 'RequestMirror' && f.requestMirror ? [f.requestMirror.backendRef] : []));
    const problem = [...(rule.backendRefs ?? []), ...mirrored].map(resolve).find(isProblem);
    if (problem) return problem;
    const extension = filters.find((f) => f.type === 'ExtensionRef')?.extensionRef;
    if (extension) return { reason: 'InvalidKind', message: `ExtensionRef filter ${extension.kind} ${extension.name} of group "${extension.group}": the lab has no extension filters` };
  }
  return undefined;
}

function compileRoute(route: HTTPRoute, cluster: Cluster): CompiledRoute {
  const resolve: Resolve = (ref) => resolveBackend(route, ref, cluster);
  const specRules = route.spec.rules ?? [{}];
  const rules: CompiledRule[] = [];
  const dropped: DroppedRule[] = [];
  specRules.forEach((rule, index) => {
    try {
      rules.push(compileRule(rule, resolve));
    } catch (e) {
      if (!(e instanceof RuleRefused)) throw e;
      dropped.push({ index, reason: e.reason, message: e.message });
    }
  });
  const unresolved = unresolvedRef(specRules, resolve);
  return { route, key: keyOf(route), created: route.metadata.creationTimestamp ?? '', rules, dropped, ...(unresolved ? { unresolved } : {}) };
}

/** Whether a label selector selects labels; an invalid one selects nothing. */
function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  try {
    return matchesLabels(labelSelectorFromObject(selector), labels);
  } catch {
    return false;
  }
}

/** Whether a listener's allowedRoutes.namespaces lets routes of `namespace` attach: Same (the default), All, or the namespaces its Selector selects. */
function admitsNamespace(listener: Listener, gatewayNamespace: string, namespace: string, namespaceLabels: ReadonlyMap<string, Record<string, string>>): boolean {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return namespace === gatewayNamespace;
  const selector = listener.allowedRoutes?.namespaces?.selector;
  const labels = namespaceLabels.get(namespace);
  return from === 'Selector' && selector !== undefined && labels !== undefined && selects(selector, labels);
}

/** How one parentRef of a route attaches to a Gateway of ours: the listeners it attaches to, or why it attaches to none. */
type Attachment = { listeners: JudgedListener[] } | Problem;

/**
 * The listeners a parentRef attaches a route to, as the spec decides it: those its sectionName and port name
 * (NoMatchingParent), of them those whose allowedRoutes take the route's namespace and kind (NotAllowedByListeners), of
 * them those whose hostname intersects one of the route's (NoMatchingListenerHostname).
 */
function attach(route: HTTPRoute, ref: ParentReference, judged: JudgedGateway, cluster: Cluster): Attachment {
  const named = judged.listeners.filter((l) => (!ref.sectionName || l.spec.name === ref.sectionName) && (!ref.port || l.spec.port === ref.port));
  if (named.length === 0) {
    return { reason: 'NoMatchingParent', message: `Gateway ${judged.key} has no listener${ref.sectionName ? ` named ${ref.sectionName}` : ''}${ref.port ? ` on port ${ref.port}` : ''}` };
  }
  const namespace = route.metadata.namespace ?? '';
  const allowed = named.filter((l) => l.supportedKinds.length > 0 && admitsNamespace(l.spec, judged.gateway.metadata.namespace ?? '', namespace, cluster.namespaceLabels));
  if (allowed.length === 0) return { reason: 'NotAllowedByListeners', message: `no listener of Gateway ${judged.key} allows HTTPRoutes of namespace ${namespace}` };
  const hostnamed = allowed.filter((l) => routeHostnamesOn(l.spec.hostname ?? '', route.spec.hostnames ?? []).length > 0);
  if (hostnamed.length === 0) return { reason: 'NoMatchingListenerHostname', message: `no listener of Gateway ${judged.key} has a hostname that intersects the route's` };
  return { listeners: hostnamed };
}

/** A parentRef of a route that names a Gateway of ours, and how it attaches. */
interface Parent {
  ref: ParentReference;
  gateway: JudgedGateway;
  attachment: Attachment;
}

/** The route's parentRefs that name a Gateway of ours (group gateway.networking.k8s.io, kind Gateway, namespace the route's by default). */
function parentsOf(route: HTTPRoute, gateways: ReadonlyMap<string, JudgedGateway>, cluster: Cluster): Parent[] {
  return (route.spec.parentRefs ?? []).flatMap((ref) => {
    if ((ref.group ?? gatewayGroup) !== gatewayGroup || (ref.kind ?? 'Gateway') !== 'Gateway') return [];
    const gateway = gateways.get(`${ref.namespace ?? route.metadata.namespace}/${ref.name}`);
    return gateway ? [{ ref, gateway, attachment: attach(route, ref, gateway, cluster) }] : [];
  });
}

// Statuses.

type MakeCondition = (type: string, status: ConditionStatus, reason: string, message: string) => Condition;

/** Makes an object's conditions, each keeping its lastTransitionTime while its status and reason stay what they were. */
function conditionMaker(previous: readonly Condition[] | undefined, generation: number | undefined, now: string): MakeCondition {
  return (type, status, reason, message) => {
    const before = previous?.find((c) => c.type === type);
    const lastTransitionTime = before && before.status === status && before.reason === reason ? before.lastTransitionTime : now;
    return { type, status, ...(generation === undefined ? {} : { observedGeneration: generation }), lastTransitionTime, reason, message };
  };
}

/** Whether two JSON values have the same content, their fields in whatever order. */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));

/** The write of `status` to `obj`, or undefined when its status is that already. */
function statusWrite(plural: StatusWrite['plural'], obj: { metadata: { namespace?: string; name?: string }; status?: unknown }, status: object): StatusWrite | undefined {
  if (sameJson(obj.status, status)) return undefined;
  return { plural, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '', status: { ...status } };
}

/** A GatewayClass of ours is accepted: the lab's controller serves Gateways of any of its classes alike. */
function classStatus(gatewayClass: GatewayClass, now: string): StatusWrite | undefined {
  const make = conditionMaker(gatewayClass.status?.conditions, gatewayClass.metadata.generation, now);
  return statusWrite('gatewayclasses', gatewayClass, { conditions: [make('Accepted', 'True', 'Accepted', 'Valid GatewayClass')] });
}

/**
 * A listener's conditions: Accepted (False for a protocol or value the lab does not serve, or a conflict), Programmed
 * (False while it cannot serve, or its Gateway is not accepted or has no address yet), ResolvedRefs (route kinds, then
 * certificates), Conflicted, and OverlappingTLSConfig only when True, as the spec requires of that negative condition.
 */
function listenerConditions(listener: JudgedListener, judged: JudgedGateway, make: MakeCondition): Condition[] {
  const refusal = refusalOf(listener);
  const unresolved = listener.invalidKinds ?? listener.badCertificate;
  const unprogrammed = refusal ?? listener.badCertificate ?? (isAccepted(judged) ? undefined : { message: 'the Gateway is not accepted' });
  return [
    refusal ? make('Accepted', 'False', refusal.reason, refusal.message) : make('Accepted', 'True', 'Accepted', 'Listener is accepted'),
    unprogrammed ? make('Programmed', 'False', 'Invalid', unprogrammed.message)
      : judged.address ? make('Programmed', 'True', 'Programmed', `Listening on ${judged.address}:${listener.spec.port}`)
        : make('Programmed', 'False', 'Pending', 'Waiting for the Gateway\'s address'),
    unresolved ? make('ResolvedRefs', 'False', unresolved.reason, unresolved.message) : make('ResolvedRefs', 'True', 'ResolvedRefs', 'All references are resolved'),
    listener.conflict ? make('Conflicted', 'True', listener.conflict.reason, listener.conflict.message) : make('Conflicted', 'False', 'NoConflicts', 'No conflicts'),
    ...(listener.overlapping ? [make('OverlappingTLSConfig', 'True', listener.overlapping.reason, listener.overlapping.message)] : []),
  ];
}

function listenerStatus(listener: JudgedListener, judged: JudgedGateway, attachedRoutes: number, now: string): ListenerStatus {
  const previous = judged.gateway.status?.listeners?.find((s) => s.name === listener.spec.name)?.conditions;
  const make = conditionMaker(previous, judged.gateway.metadata.generation, now);
  return { name: listener.spec.name, supportedKinds: listener.supportedKinds, attachedRoutes, conditions: listenerConditions(listener, judged, make) };
}

/** A Gateway's status: its address, Accepted and Programmed (False/Invalid unless accepted, False/AddressNotAssigned until it has an address), and one entry per listener. */
function gatewayStatus(judged: JudgedGateway, attached: Attachments, now: string): StatusWrite | undefined {
  const { gateway, address } = judged;
  const make = conditionMaker(gateway.status?.conditions, gateway.metadata.generation, now);
  const [accepted, reason, message] = gatewayAcceptance(judged);
  const programmed = accepted === 'False' ? make('Programmed', 'False', 'Invalid', 'The Gateway is not accepted')
    : address ? make('Programmed', 'True', 'Programmed', `Listening on ${address}`)
      : make('Programmed', 'False', 'AddressNotAssigned', 'No address of the host is assigned to the Gateway yet');
  const status: GatewayStatus = {
    ...(address ? { addresses: [{ type: 'IPAddress', value: address }] } : {}),
    conditions: [make('Accepted', accepted, reason, message), programmed],
    listeners: judged.listeners.map((l) => listenerStatus(l, judged, attached.get(l)?.size ?? 0, now)),
  };
  return statusWrite('gateways', gateway, status);
}

/**
 * A route's conditions toward one parent: Accepted (False when the parentRef attaches to no listener, or every rule is
 * dropped), ResolvedRefs, and PartiallyInvalid when some rules are dropped (its message starting `Dropped Rule`, as the
 * spec requires).
 */
function routeConditions(compiled: CompiledRoute, attachment: Attachment, make: MakeCondition): Condition[] {
  const droppedMessage = compiled.dropped.map((d) => `Dropped Rule ${d.index}: ${d.message}`).join('; ');
  const allDropped = compiled.rules.length === 0 && compiled.dropped.length > 0;
  const refusal = isProblem(attachment) ? attachment : allDropped ? { reason: compiled.dropped[0].reason, message: droppedMessage } : undefined;
  const unresolved = compiled.unresolved;
  return [
    refusal ? make('Accepted', 'False', refusal.reason, refusal.message) : make('Accepted', 'True', 'Accepted', 'Route is accepted'),
    unresolved ? make('ResolvedRefs', 'False', unresolved.reason, unresolved.message) : make('ResolvedRefs', 'True', 'ResolvedRefs', 'All references are resolved'),
    ...(!refusal && compiled.dropped.length > 0 ? [make('PartiallyInvalid', 'True', compiled.dropped[0].reason, droppedMessage)] : []),
  ];
}

/** Our entry in a route's status.parents for each parentRef naming a Gateway of ours. */
function parentStatuses(compiled: CompiledRoute, parents: readonly Parent[], input: GatewayInput): RouteParentStatus[] {
  const { route } = compiled;
  return parents.map(({ ref, attachment }) => {
    const previous = (route.status?.parents ?? []).find((p) => p.controllerName === input.controllerName && sameJson(p.parentRef, ref));
    const make = conditionMaker(previous?.conditions, route.metadata.generation, input.now);
    return { parentRef: ref, controllerName: input.controllerName, conditions: routeConditions(compiled, attachment, make) };
  });
}

/** A route's status: the parent entries of other controllers as they are, then ours; none for a route that has never had one of ours and names no Gateway of ours. */
function routeStatus(route: HTTPRoute | GRPCRoute, ours: readonly RouteParentStatus[], controllerName: string, plural: 'httproutes' | 'grpcroutes' = 'httproutes'): StatusWrite | undefined {
  const existing = route.status?.parents ?? [];
  const theirs = existing.filter((p) => p.controllerName !== controllerName);
  if (ours.length === 0 && theirs.length === existing.length) return undefined;
  return statusWrite(plural, route, { parents: [...theirs, ...ours] });
}

/**
 * A GRPCRoute's status: no listener of the lab's Gateways supports the kind (their apps answer HTTP only), so each
 * parentRef to a Gateway of ours that names a listener is NotAllowedByListeners, with its backends resolved or not.
 */
function grpcRouteStatus(route: GRPCRoute, gateways: ReadonlyMap<string, JudgedGateway>, cluster: Cluster, input: GatewayInput): StatusWrite | undefined {
  const asHttp = route as unknown as HTTPRoute;
  const unresolved = (route.spec.rules ?? []).flatMap((rule) => rule.backendRefs ?? []).map((ref) => resolveBackend(asHttp, ref, cluster)).find(isProblem);
  const ours = parentsOf(asHttp, gateways, cluster).map(({ ref, gateway, attachment }) => {
    const previous = (route.status?.parents ?? []).find((p) => p.controllerName === input.controllerName && sameJson(p.parentRef, ref));
    const make = conditionMaker(previous?.conditions, route.metadata.generation, input.now);
    const refusal = isProblem(attachment) && attachment.reason === 'NoMatchingParent' ? attachment
      : { reason: 'NotAllowedByListeners', message: `no listener of Gateway ${gateway.key} supports GRPCRoute: the lab's Gateways route HTTPRoutes` };
    return {
      parentRef: ref, controllerName: input.controllerName,
      conditions: [
        make('Accepted', 'False', refusal.reason, refusal.message),
        unresolved ? make('ResolvedRefs', 'False', unresolved.reason, unresolved.message) : make('ResolvedRefs', 'True', 'ResolvedRefs', 'All references are resolved'),
      ],
    };
  });
  return routeStatus(route, ours, input.controllerName, 'grpcroutes');
}

// The table.

/** A route attached to a listener, with the hostnames it serves there. */
interface AttachedRoute {
  route: CompiledRoute;
  hostnames: string[];
}

/** Routes attached to each listener, by route key. */
type Attachments = Map<JudgedListener, Map<string, CompiledRoute>>;

/** A route's status write, its attachments recorded in `attached`. */
function followRoute(route: HTTPRoute, gateways: ReadonlyMap<string, JudgedGateway>, cluster: Cluster, input: GatewayInput, attached: Attachments): StatusWrite | undefined {
  const parents = parentsOf(route, gateways, cluster);
  if (parents.length === 0) return routeStatus(route, [], input.controllerName);
  const compiled = compileRoute(route, cluster);
  for (const { attachment } of parents) {
    if (isProblem(attachment)) continue;
    for (const listener of attachment.listeners) attached.set(listener, (attached.get(listener) ?? new Map()).set(compiled.key, compiled));
  }
  return routeStatus(route, parentStatuses(compiled, parents, input), input.controllerName);
}

/** The listeners of an accepted Gateway with an address that can serve, by `address:port`, with the routes attached to each. */
function serveListeners(judged: JudgedGateway, attached: Attachments, table: Pick<GatewayTable, 'ports' | 'routing'>): void {
  if (!judged.address || !isAccepted(judged)) return;
  for (const listener of judged.listeners.filter(serves)) {
    const served: ServedListener = {
      gateway: judged.key, name: listener.spec.name, protocol: listener.spec.protocol as ServedListener['protocol'],
      ...(listener.spec.hostname ? { hostname: listener.spec.hostname } : {}), certificates: listener.certificates,
    };
    const port = `${judged.address}:${listener.spec.port}`;
    table.ports.set(port, [...(table.ports.get(port) ?? []), served]);
    const routes = [...(attached.get(listener)?.values() ?? [])];
    table.routing.set(listenerKey(served), routes.map((compiled) => ({ route: compiled, hostnames: routeHostnamesOn(listener.spec.hostname ?? '', compiled.route.spec.hostnames ?? []) })));
  }
}

/**
 * What the Gateways of the controller's classes serve and the statuses to write, from the cluster's Gateway API objects,
 * Services, EndpointSlices, Namespaces and Secrets. GatewayClasses, Gateways and routes of other controllers get no
 * status from it; a route's parent entries of other controllers are kept as they are.
 */
export function gatewayTable(input: GatewayInput): GatewayTable {
  const cluster = indexCluster(input);
  const ourClasses = input.classes.filter((c) => c.spec.controllerName === input.controllerName);
  const classNames = new Set(ourClasses.map((c) => c.metadata.name));
  const gateways = new Map(input.gateways.filter((g) => classNames.has(g.spec.gatewayClassName)).map((g) => [keyOf(g), judgeGateway(g, input, cluster)]));
  const attached: Attachments = new Map();
  const routeWrites = [
    ...input.routes.map((route) => followRoute(route, gateways, cluster, input, attached)),
    ...(input.grpcRoutes ?? []).map((route) => grpcRouteStatus(route, gateways, cluster, input)),
  ];
  const table: GatewayTable = { ports: new Map(), routing: new Map(), statuses: [] };
  for (const judged of gateways.values()) serveListeners(judged, attached, table);
  table.statuses = [
    ...ourClasses.map((c) => classStatus(c, input.now)),
    ...[...gateways.values()].map((judged) => gatewayStatus(judged, attached, input.now)),
    ...routeWrites,
  ].filter((write): write is StatusWrite => write !== undefined);
  return table;
}

// Routing a request.

/** A request's parts that matches test. */
interface RequestParts {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A request target's path and its query with the `?` (`''` without one). */
function splitQuery(target: string): [string, string] {
  const at = target.indexOf('?');
  return at < 0 ? [target, ''] : [target.slice(0, at), target.slice(at)];
}

function meets(match: CompiledMatch, request: RequestParts): boolean {
  const headerValues = (name: string) => [request.headers[name] ?? []].flat();
  return match.testPath(request.path)
    && (match.method === undefined || match.method === request.method)
    && match.headers.every((h) => headerValues(h.name).some(h.test))
    && match.queryParams.every((q) => {
      const value = request.query.get(q.name);
      return value !== null && q.test(value);
    });
}

/** A match of an attached route's rule that a request meets, and the route's hostname on the listener the request's host matched. */
interface Candidate {
  route: CompiledRoute;
  rule: CompiledRule;
  ruleIndex: number;
  match: CompiledMatch;
  hostname: string;
}

/** Characters of a hostname that are not a wildcard's (none for a wildcard or no hostname). */
const exactLength = (hostname: string) => (hostname === '' || isWildcard(hostname) ? 0 : hostname.length);
/** Exact before RegularExpression before PathPrefix paths (the rank of a RegularExpression is the implementation's to choose). */
const pathRank: Record<PathMatchType, number> = { Exact: 0, RegularExpression: 1, PathPrefix: 2 };
const pathLength = (match: CompiledMatch) => (match.pathType === 'PathPrefix' ? match.pathValue.replace(/\/+$/, '') : match.pathValue).length;

/**
 * The spec's precedence among the matches a request meets: the route with the most characters in a matching exact
 * hostname, then in a matching hostname; an Exact path, then the longest path; a method match; the most header
 * matches; the most query parameter matches; the oldest route; the route first by `namespace/name`; its first rule.
 */
function precedence(a: Candidate, b: Candidate): number {
  return exactLength(b.hostname) - exactLength(a.hostname)
    || b.hostname.length - a.hostname.length
    || pathRank[a.match.pathType] - pathRank[b.match.pathType]
    || pathLength(b.match) - pathLength(a.match)
    || Number(b.match.method !== undefined) - Number(a.match.method !== undefined)
    || b.match.headers.length - a.match.headers.length
    || b.match.queryParams.length - a.match.queryParams.length
    || compare(a.route.created, b.route.created)
    || compare(a.route.key, b.route.key)
    || a.ruleIndex - b.ruleIndex;
}

/** The route's hostname on its listener that names `host` most specifically, or undefined when none does. */
function matchingHostname(hostnames: readonly string[], host: string): string | undefined {
  return hostnames.filter((h) => namesHost(h, host)).sort((a, b) => exactLength(b) - exactLength(a) || b.length - a.length)[0];
}

function bestCandidate(routes: readonly AttachedRoute[], host: string, request: RequestParts): Candidate | undefined {
  const candidates = routes.flatMap(({ route, hostnames }) => {
    const hostname = matchingHostname(hostnames, host);
    if (hostname === undefined) return [];
    return route.rules.flatMap((rule, ruleIndex) => rule.matches.filter((match) => meets(match, request)).map((match) => ({ route, rule, ruleIndex, match, hostname })));
  });
  return candidates.sort(precedence)[0];
}

/**
 * Picks one of `choices` in proportion to its weight (a weight of 0 is never picked), drawing `random()` once;
 * undefined when the weights add up to 0.
 */
function pickWeighted<T extends { weight: number }>(choices: readonly T[], random: () => number): T | undefined {
  const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
  if (total <= 0) return undefined;
  let point = Math.floor(random() * total);
  for (const choice of choices) {
    if (point < choice.weight) return choice;
    point -= choice.weight;
  }
  return undefined;
}

const pickOne = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

/** A path modified as a redirect's or rewrite's path says: the full path replaced, or the matched PathPrefix replaced element-wise (the spec's table). */
function modifiedPath(modifier: HTTPPathModifier, match: CompiledMatch, path: string): string {
  if (modifier.type === 'ReplaceFullPath') return modifier.replaceFullPath ?? '/';
  const rest = path.slice(match.pathValue.replace(/\/+$/, '').length);
  return `${(modifier.replacePrefixMatch ?? '').replace(/\/+$/, '')}${rest}` || '/';
}

const wellKnownPorts: Record<string, number> = { http: 80, https: 443 };

/**
 * A RequestRedirect's answer: the scheme (the request's by default), hostname (the request's host), port (the scheme's
 * well-known one when a scheme is given, else the listener's; left out when it is the scheme's well-known one), path
 * (modified, or the request's) and the request's query; status 302 by default.
 */
function redirect(route: string, filter: HTTPRequestRedirectFilter, match: CompiledMatch, request: GatewayRequest, host: string, listenerPort: number): GatewayDecision {
  const [path, query] = splitQuery(request.path);
  const scheme = filter.scheme ?? (request.tls ? 'https' : 'http');
  const port = filter.port ?? (filter.scheme ? wellKnownPorts[filter.scheme] : listenerPort);
  const hostname = filter.hostname ?? host;
  const authority = port === wellKnownPorts[scheme] ? hostname : `${hostname}:${port}`;
  const target = filter.path ? modifiedPath(filter.path, match, path) : path;
  return { kind: 'redirect', route, status: filter.statusCode ?? 302, location: `${scheme}://${authority}${target}${query}` };
}

/** The request's headers as the backend gets them: each RequestHeaderModifier in order (set, add appending with a comma, remove; names case-insensitive), then a rewritten Host. */
function requestHeadersAfter(request: GatewayRequest, modifiers: readonly HTTPHeaderFilter[], rewrittenHost: string | undefined): Record<string, string> {
  const headers = new Map(Object.entries(request.headers).flatMap(([name, value]): [string, string][] => (value === undefined ? [] : [[name.toLowerCase(), [value].flat().join(', ')]])));
  for (const modifier of modifiers) {
    for (const { name, value } of modifier.set ?? []) headers.set(name.toLowerCase(), value);
    for (const { name, value } of modifier.add ?? []) {
      const before = headers.get(name.toLowerCase());
      headers.set(name.toLowerCase(), before === undefined ? value : `${before},${value}`);
    }
    for (const name of modifier.remove ?? []) headers.delete(name.toLowerCase());
  }
  if (rewrittenHost) headers.set('host', rewrittenHost);
  return Object.fromEntries(headers);
}

/** The response header changes of ResponseHeaderModifiers, in order, names as they give them. */
function responseHeaderChanges(modifiers: readonly HTTPHeaderFilter[]): { set: [string, string][]; add: [string, string][]; remove: string[] } {
  const pairs = (headers: { name: string; value: string }[] | undefined) => (headers ?? []).map(({ name, value }): [string, string] => [name, value]);
  return { set: modifiers.flatMap((m) => pairs(m.set)), add: modifiers.flatMap((m) => pairs(m.add)), remove: modifiers.flatMap((m) => m.remove ?? []) };
}

/**
 * What the chosen rule does with the request: 500 for an ExtensionRef; its RequestRedirect; else a backend picked by
 * weight (500 when there is none, or it is invalid; its own RequestRedirect), one ready endpoint of it (503 without
 * one), the filters of the rule then of the backend applied, and one endpoint of each mirror that copies this request.
 */
function decide(candidate: Candidate, request: GatewayRequest, host: string, listenerPort: number, random: () => number): GatewayDecision {
  const { route: { key: route }, rule, match } = candidate;
  if (rule.filters.unresolvable) return { kind: 'invalid-backend', route };
  if (rule.filters.redirect) return redirect(route, rule.filters.redirect, match, request, host, listenerPort);
  const backend = pickWeighted(rule.backends, random);
  if (!backend || backend.filters.unresolvable) return { kind: 'invalid-backend', route };
  if (backend.filters.redirect) return redirect(route, backend.filters.redirect, match, request, host, listenerPort);
  if (isProblem(backend.target)) return { kind: 'invalid-backend', route };
  const { service, endpoints } = backend.target;
  if (endpoints.length === 0) return { kind: 'unavailable', route, service };
  const endpoint = pickOne(endpoints, random);
  const filters = [rule.filters, backend.filters];
  const rewrite = backend.filters.rewrite ?? rule.filters.rewrite;
  const [path, query] = splitQuery(request.path);
  const requestHeaders = requestHeadersAfter(request, filters.flatMap((f) => f.requestHeaders), rewrite?.hostname);
  const mirrors = filters.flatMap((f) => f.mirrors).filter((m) => m.upstream.endpoints.length > 0 && (m.share >= 1 || random() < m.share));
  return {
    kind: 'backend', route, service, endpoint,
    path: rewrite?.path ? `${modifiedPath(rewrite.path, match, path)}${query}` : request.path,
    host: requestHeaders.host ?? host,
    requestHeaders,
    responseHeaders: responseHeaderChanges(filters.flatMap((f) => f.responseHeaders)),
    mirrors: mirrors.map((m) => pickOne(m.upstream.endpoints, random)),
  };
}

/**
 * Where a request that arrived at `address` (`ip:port`) goes: to the listener there of its protocol whose hostname
 * names its host most closely, then the match of its attached routes the spec's precedence puts first, then as that
 * rule says. `random()` (in [0, 1)) draws the weighted backend, then the endpoint, then whether and where each
 * partial mirror copies.
 */
export function routeGatewayRequest(table: GatewayTable, address: string, request: GatewayRequest, random: () => number): GatewayDecision {
  const host = request.host.replace(/\.$/, '');
  const protocol = request.tls ? 'HTTPS' : 'HTTP';
  const listener = listenerForHost((table.ports.get(address) ?? []).filter((l) => l.protocol === protocol), host);
  if (!listener) return { kind: 'not-found' };
  const [path, query] = splitQuery(request.path);
  const parts: RequestParts = { method: request.method, path, query: new URLSearchParams(query), headers: request.headers };
  const candidate = bestCandidate(table.routing.get(listenerKey(listener)) ?? [], host, parts);
  if (!candidate) return { kind: 'not-found' };
  return decide(candidate, request, host, Number(address.slice(address.lastIndexOf(':') + 1)), random);
}
