/**
 * The Kubernetes REST surface: maps each request to a read, a watch or a command,
 * and every failure to a Status. Nothing a client sends can crash the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  aggregatedDiscovery, answerReview, componentStatuses, componentStatusWarning, decodeBody, fromStorage, groupVersionOf, invalid, notFound, required,
  storageTypeFor, storedTypeOf, toStorage, aggregatedDiscoveryMediaType, apiGroup, apiGroupList, apiResourceList, apiVersions, ApiError, applyPatch, badRequest,
  checkObjectForm, decodeErrorMessage, decodeStrict, internalError, methodNotAllowed, negotiateResponseForm, tooLarge,
  partialObject, partialObjectList, pathNotFound, printTable, queryBool, isRecordedRefusal, scaleOf, versionInfo, withDefaultFieldManager,
  methodNotSupported, metricsListItem, metricsTable, causeHeader,
  type Command, type DeleteOptions, type KubeObject, type ResourceType, type ResponseForm, type StatusBody, type UserInfo, type WriteSubresource,
} from '@kubelab/api';
import type { Logger } from 'pino';
import { parse as parseYaml } from 'yaml';
import type { ClientCredentials } from '../auth/authenticate.js';
import { refusedUser, type RequestAuth } from '../auth/request-auth.js';
import type { TokenRequestBody } from '../auth/token-request.js';
import { httpRefusal } from '../audit/request-refusals.js';
import { parseSelectors, storedFieldSelector, type ApiService } from '../api.service.js';
import type { CommandResult } from '../store/committer.js';
import { dryRunList, dryRunQuery } from './dry-run-option.js';
import { deleteOptions, limitOf, objectBody, patchBody, podLogQuery, writeOptions, type Query } from './request-options.js';
import { parseResourcePath } from './route.js';
import type { LogAnswer } from '../nats/log-reader.js';
import { eventLogEntry, streamClusterState, streamEventLog, type EventLog } from './event-log-http.js';
import { streamWatch, type WatchSources } from './watch-stream.js';
import { parsePodProxyPath } from '../streams/pod-proxy.js';
import { indentJson, isPrettyPrint } from './pretty-print.js';
import { StreamEndpoints } from '../streams/stream-endpoints.js';
import { OpenApiEndpoints } from './openapi-http.js';
import { exposition } from '../metrics/prometheus-counter.js';
import { httpRequestLabels, type RequestLabels } from '../metrics/request-metrics.js';

/** What a request's handler learnt of it for its timing: the histogram's labels, once it reached a resource's handler. */
interface Timed {
  labels?: RequestLabels;
}

/** A reply: status, content type, body text, extra headers. */
interface Reply {
  code: number;
  contentType?: string;
  body: string;
  warnings?: string[];
  /** Seconds for a Retry-After header: a 429 or 503 Status that says when to try again. */
  retryAfter?: number;
  /** An API object or Status, which kube-apiserver indents for curl, wget and browsers. */
  encoded?: boolean;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer | undefined;
  /** What the TLS handshake and the Authorization header say about the sender. */
  credentials?: ClientCredentials;
  /** The address the request came from, for the refusals kept only in memory; none for a pod's request over NATS. */
  remoteAddress?: string;
}

/** Reads container logs from the pod's node (the kubelet-agent, over NATS). */
export type LogReader = (pod: KubeObject, query: Query) => Promise<LogAnswer>;

/** kube-apiserver's limit on a request body. */
export const maxBodyBytes = 3 * 1024 * 1024;

/** An API object or Status, ending in a newline as kube-apiserver's json.Encoder writes every one. */
const json = (code: number, body: unknown, warnings?: string[]): Reply => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { code, body: text.endsWith('\n') ? text : `${text}\n`, warnings, encoded: true };
};
/** A document kube-apiserver writes with json.Marshal (OpenAPI) or MarshalIndent (/version): no newline after it. */
const rawJson = (body: string): Reply => ({ code: 200, body });

export class KubeHttp {
  constructor(
    private readonly api: ApiService,
    private readonly watchSources: WatchSources,
    private readonly readLogs: LogReader,
    private readonly eventLog: EventLog,
    private readonly log: Logger,
    private readonly auth: RequestAuth,
    /** What /version answers: the release this api-server runs as. */
    private readonly version: ReturnType<typeof versionInfo>,
    private readonly streams?: StreamEndpoints,
  ) {}

  private readonly openApi = new OpenApiEndpoints();

  private streamEvents(res: ServerResponse, query: Query): Promise<void> {
    return streamEventLog(res, query, this.eventLog, this.watchSources.hub);
  }

  /** Serves one request; the raw response is used directly for watches and streams. A resource request is timed until its answer ends. */
  async handle(req: HttpRequest, res: ServerResponse): Promise<void> {
    const began = performance.now();
    const timed: Timed = {};
    let reply: Reply | undefined;
    let user: UserInfo | undefined;
    try {
      user = await this.auth.admit(req.method, req.url, req.headers, req.credentials ?? {});
      if (req.body && req.body.length > maxBodyBytes) throw tooLarge(maxBodyBytes);
      reply = await this.route(req, res, user, timed);
    } catch (e) {
      reply = this.failure(e, req);
      user ??= refusedUser(e);
    }
    if (reply) {
      if (isRecordedRefusal(reply.code)) this.recordRefusal(req, reply, user);
      send(res, reply.encoded && isPrettyPrint(req.url, headerText(req.headers['user-agent'])) ? { ...reply, body: indentJson(reply.body) } : reply);
    }
    if (timed.labels) this.api.requests.observeWhenAnswered(timed.labels, began, res);
  }

  /** Every 401, 403 and 422 is an audit entry: who (none for a 401), what the URL asked, why; never the body. */
  private recordRefusal(req: HttpRequest, reply: Reply, user: UserInfo | undefined): void {
    let status: StatusBody;
    try {
      status = JSON.parse(reply.body) as StatusBody;
    } catch {
      status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: reply.code, reason: '', message: reply.body };
    }
    const createdName = req.method === 'POST' ? nameInBody(req.body) : undefined;
    this.api.audit.refused(httpRefusal(req.method, req.url, { ...status, code: reply.code }, user, createdName), actorOf(req), req.remoteAddress);
  }

  private failure(e: unknown, req: HttpRequest): Reply {
    if (e instanceof ApiError) return { ...json(e.code, e.status), retryAfter: e.status.details?.retryAfterSeconds };
    this.log.error({ err: e instanceof Error ? e.message : String(e), method: req.method, url: req.url }, 'request failed');
    return json(500, internalError('the server could not handle the request').status);
  }

  private async route(req: HttpRequest, res: ServerResponse, user: UserInfo, timed: Timed): Promise<Reply | undefined> {
    const url = new URL(req.url, 'http://kubelab');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const query: Query = Object.fromEntries(url.searchParams);
    const accept = String(req.headers.accept ?? '');
    switch (path) {
      case '/version':
        return rawJson(JSON.stringify(this.version, null, 2));
      case '/healthz':
      case '/livez':
      case '/readyz':
        return { code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
      case '/api':
      case '/apis':
        return discovery(path === '/api', accept, String(req.headers.host ?? '127.0.0.1'));
    }
    if (this.openApi.serve(path, req, res)) return undefined;
    if (path === '/kubelab/v1/events') {
      await this.streamEvents(res, query);
      return undefined;
    }
    // Both are read by those RBAC lets get the path: /metrics the system:monitoring group and cluster-admin, /kubelab/* cluster-admin alone.
    if (path === '/metrics') return { code: 200, contentType: exposition, body: this.api.audit.metricsText() + this.api.requests.metricsText() + this.api.storageMetricsText() };
    if (path === '/kubelab/v1/refusals') return json(200, this.api.audit.unrecordedRefusals());
    if (path === '/kubelab/v1/watch-deliveries' && this.watchSources.deliveries) return json(200, this.watchSources.deliveries.summary());
    if (path === '/kubelab/v1/state') {
      await streamClusterState(res, query, this.eventLog);
      return undefined;
    }
    if (path.startsWith('/kubelab/v1/events/')) return json(200, await eventLogEntry(path.slice('/kubelab/v1/events/'.length), this.eventLog));
    const proxied = this.streams ? parsePodProxyPath(url.pathname) : undefined;
    if (proxied && this.streams) {
      await this.streams.proxy(proxied, url.search, req, res);
      return undefined;
    }
    const route = parseResourcePath(path);
    if (route.type === 'group') {
      const group = apiGroup(route.group);
      if (!group) throw pathNotFound();
      return json(200, group);
    }
    if (route.type === 'groupVersion') {
      const list = apiResourceList(route.group, route.version);
      if (!list) throw pathNotFound();
      return json(200, list);
    }
    if (route.type === 'unknown') throw pathNotFound();
    return this.resource(req, res, route, query, accept, user, timed);
  }

  private async resource(
    req: HttpRequest,
    res: ServerResponse,
    r: Extract<ReturnType<typeof parseResourcePath>, { type: 'resource' }>,
    query: Query,
    accept: string,
    user: UserInfo,
    timed: Timed,
  ): Promise<Reply | undefined> {
    const t = r.resource;
    const namespace = r.namespace;
    if (r.subresource && !t.subresources.some((s) => s.name === r.subresource)) throw pathNotFound();
    if (!verbAllowed(t, req.method, Boolean(r.name), r.subresource)) throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    // From here the request is the resource's, as kube-apiserver's instrumented route: timed, whatever it answers.
    timed.labels = httpRequestLabels(req.method, r, query, headerText(req.headers['content-type']));
    const form = negotiateResponseForm(accept);
    const table = form?.as === 'Table';
    const metadataOnly = form?.as === 'Table' ? undefined : form;
    const actor = actorOf(req);
    if (this.streams && r.name && StreamEndpoints.isStreamPath(r.subresource)) {
      this.streams.checkPlainRequest(r.subresource, namespace, r.name, new URL(req.url, 'http://kubelab').searchParams);
    }
    if (t.storage === 'none') return this.answer(req, t, namespace, r.name, query, table, user);
    if (t.storage === 'metrics') return this.metrics(req, t, r, query, table);
    const stored = storageTypeFor(t);
    const shown = (obj: KubeObject) => fromStorage(t, obj);
    if (req.method === 'GET') {
      // A read shows every write acknowledged before it, whichever api-server took the write.
      await this.api.caughtUp();
      if (!r.name) {
        if (queryBool(query.watch)) {
          await this.watch(res, t, r.allNamespaces ? undefined : namespace, query, table, metadataOnly);
          return undefined;
        }
        const fieldSelector = storedFieldSelector(t, query.fieldSelector);
        const result = this.api.list(stored, r.allNamespaces ? undefined : namespace, { labelSelector: query.labelSelector, fieldSelector, limit: limitOf(query), continue: query.continue });
        if (table) return json(200, printTable(stored, result.items.map((s) => s.object), new Date(), includeOf(query), { resourceVersion: result.resourceVersion, continue: result.continue }));
        if (metadataOnly) return json(200, partialObjectList(t, result.items.map((s) => s.object), result, metadataOnly));
        if (stored === t) return json(200, this.api.listJson(t, result));
        return json(200, { ...JSON.parse(this.api.listJson(t, { ...result, items: [] })), items: result.items.map((s) => shown(s.object)) });
      }
      const found = this.api.get(stored, namespace, r.name);
      if (r.subresource === 'scale') return json(200, scaleOf(found.object));
      if (r.subresource === 'log') return this.logs(res, found.object, query);
      if (table) return json(200, printTable(stored, [found.object], new Date(), includeOf(query), { resourceVersion: found.object.metadata.resourceVersion }));
      if (metadataOnly) return json(200, partialObject(t, found.object, metadataOnly));
      return json(200, stored === t ? found.json : shown(found.object));
    }
    const reply = await this.write(req, t, stored, namespace, r.name, r.subresource, query, actor, user);
    return stored === t ? reply : convertedReply(t, reply);
  }

  /** The kinds answered without storing: reviews (POST) and component statuses (GET). */
  private async answer(req: HttpRequest, t: ResourceType, namespace: string, name: string | undefined, query: Query, table: boolean, user: UserInfo): Promise<Reply> {
    if (t.kind === 'ComponentStatus') {
      const items = componentStatuses().filter((c) => !name || c.metadata.name === name);
      if (name && items.length === 0) throw notFound(t, name);
      const body = table
        ? printTable(t, items, new Date(), includeOf(query), { resourceVersion: '' })
        : name ? items[0] : { kind: t.listKind, apiVersion: 'v1', metadata: {}, items };
      return json(200, body, [componentStatusWarning]);
    }
    const body = objectBody(req.body, req.headers['content-type'], t.kind);
    if (t.kind === 'Binding') return this.bindingResource(body, t, namespace, actorOf(req), dryRunQuery(query, 'CreateOptions'), user);
    const { object } = decodeBody(t, body, writeOptions(query, 'CreateOptions').fieldValidation);
    const review = (object as { spec?: { token?: unknown; audiences?: string[] } }).spec;
    const token = t.kind === 'TokenReview' && typeof review?.token === 'string' ? await this.auth.tokenReview(review.token, review.audiences ?? []) : {};
    const judge = { user, token, access: this.auth.decide.bind(this.auth), rules: this.auth.rules.bind(this.auth) };
    return json(201, answerReview(t, object, namespace, judge));
  }

  /** metrics.k8s.io: gets and lists only, as metrics-server serves them (JSON, or a Table for kubectl get). */
  private metrics(req: HttpRequest, t: ResourceType, r: Extract<ReturnType<typeof parseResourcePath>, { type: 'resource' }>, query: Query, table: boolean): Reply {
    if (req.method !== 'GET') throw methodNotAllowed('the server does not allow this method on the requested resource');
    if (r.name) {
      const found = this.api.metrics.get(t, r.namespace, r.name);
      return json(200, table ? metricsTable([found], includeOf(query)) : found);
    }
    if (queryBool(query.watch)) throw methodNotSupported(t, 'watch');
    const items = this.api.metrics.list(t, r.allNamespaces ? undefined : r.namespace, query.labelSelector, query.fieldSelector);
    if (table) return json(200, metricsTable(items, includeOf(query)));
    return json(200, { kind: t.listKind, apiVersion: groupVersionOf(t), metadata: {}, items: items.map(metricsListItem) });
  }

  /** POST …/bindings: the older way to bind a pod, the same as pods/NAME/binding. */
  private async bindingResource(body: KubeObject, t: ResourceType, namespace: string, actor: string, dryRun: boolean, user: UserInfo): Promise<Reply> {
    const pods = storedTypeOf('Pod')!;
    const name = body.metadata?.name;
    if (!name) throw invalid(t.kind, t.group, '', [required('metadata.name')]);
    const result = await this.api.execute({ type: 'Bind', resource: pods, namespace, name, nodeName: bindingTarget(body), options: { dryRun } }, actor, null, user);
    return json(result.code, result.body, result.warnings);
  }

  private async write(
    req: HttpRequest, t: ResourceType, stored: ResourceType, namespace: string, name: string | undefined, sub: string | undefined, query: Query, actor: string, user: UserInfo,
  ): Promise<Reply> {
    const contentType = req.headers['content-type'];
    const target = { resource: stored, namespace };
    const inbound = (body: KubeObject) => (stored === t ? body : toStorage(t, checkedKind(t, body)));
    let command: Command;
    switch (req.method) {
      case 'POST':
        if (!name) command = { type: 'Create', ...target, body: inbound(objectBody(req.body, contentType, t.kind)), options: writeOptions(query, 'CreateOptions') };
        else if (sub === 'binding') command = { type: 'Bind', ...target, name, nodeName: bindingTarget(objectBody(req.body, contentType, 'Binding')), options: { dryRun: dryRunQuery(query, 'CreateOptions') } };
        else if (sub === 'eviction') command = { type: 'Evict', ...target, name, options: evictionOptions(objectBody(req.body, contentType, 'Eviction'), query) };
        else if (sub === 'token' && t.kind === 'ServiceAccount') {
          const account = this.api.get(stored, namespace, name).object;
          const readPod = (ns: string, pod: string) => this.api.tryGet(storedTypeOf('Pod')!, ns, pod)?.object;
          return json(201, await this.auth.tokenRequest(account, objectBody(req.body, contentType, 'TokenRequest') as TokenRequestBody, readPod));
        }
        else throw methodNotAllowed(`POST is not supported on ${t.plural}${sub ? `/${sub}` : ''} with a name`);
        break;
      case 'PUT': {
        if (!name) throw methodNotAllowed('PUT needs an object name');
        const body = objectBody(req.body, contentType, sub === 'scale' ? 'Scale' : t.kind);
        if (sub === 'scale') command = { type: 'UpdateScale', ...target, name, replicas: replicasOf(body), resourceVersion: body.metadata?.resourceVersion, options: writeOptions(query, 'UpdateOptions') };
        else command = { type: 'Update', ...target, name, body: inbound(body), options: writeOptions(query, 'UpdateOptions'), subresource: writeSubresource(sub) };
        break;
      }
      case 'PATCH': {
        if (!name) throw methodNotAllowed('PATCH needs an object name');
        const { patchType, patch } = patchBody(req.body, contentType, query);
        if (sub === 'scale') {
          const scale = applyPatch(patchType, scaleOf(this.api.get(stored, namespace, name).object), patch) as KubeObject;
          command = { type: 'UpdateScale', ...target, name, replicas: replicasOf(scale), resourceVersion: undefined, options: writeOptions(query, 'PatchOptions') };
        } else if (stored !== t && patchType !== 'apply') {
          const current = this.api.get(stored, namespace, name).object;
          const patched = applyPatch(patchType, fromStorage(t, current), patch) as KubeObject;
          const body = inbound({ ...patched, metadata: { ...patched.metadata, resourceVersion: current.metadata.resourceVersion } });
          command = { type: 'Update', ...target, name, body, options: writeOptions(query, 'PatchOptions'), subresource: writeSubresource(sub) };
        } else {
          command = { type: 'Patch', ...target, name, patchType, patch, options: writeOptions(query, 'PatchOptions'), subresource: writeSubresource(sub) };
        }
        break;
      }
      case 'DELETE': {
        const options = deleteOptions(req.body, contentType, query);
        if (name) command = { type: 'Delete', ...target, name, options };
        else {
          const names = this.api.list(stored, namespace || undefined, { labelSelector: query.labelSelector, fieldSelector: storedFieldSelector(t, query.fieldSelector) }).items.map((s) => s.object.metadata.name!);
          command = { type: 'DeleteCollection', ...target, names, options };
        }
        break;
      }
      default:
        throw methodNotAllowed(`${req.method} is not supported`);
    }
    const result: CommandResult = await this.api.execute(withDefaultFieldManager(command, String(req.headers['user-agent'] ?? '')), actor, causeOf(req), user);
    if (command.type === 'UpdateScale' && result.code === 200 && !result.body.includes('"kind":"Scale"')) {
      return json(200, scaleOf(JSON.parse(result.body)), result.warnings);
    }
    if (command.type === 'DeleteCollection') return json(200, listReply(t, result.body), result.warnings);
    return json(result.code, result.body, result.warnings);
  }

  /** pods/log: the text, or with follow=true a stream that ends when the container's run does. */
  private async logs(res: ServerResponse, pod: KubeObject, query: Query): Promise<Reply | undefined> {
    const answer = await this.readLogs(pod, podLogQuery(query));
    if (!answer.follow) return { code: 200, contentType: 'text/plain', body: answer.text };
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.flushHeaders();
    res.write(answer.text);
    const cancel = answer.follow.start((text) => res.write(text), () => res.end());
    res.on('close', cancel);
    return undefined;
  }

  private async watch(res: ServerResponse, t: ResourceType, namespace: string | undefined, query: Query, table: boolean, metadataOnly: ResponseForm): Promise<void> {
    const stored = storageTypeFor(t);
    const selectors = parseSelectors(stored, query.labelSelector, storedFieldSelector(t, query.fieldSelector));
    const include = includeOf(query);
    // The metadata client watches with as=PartialObjectMetadata: each event's object is one.
    if (metadataOnly) checkObjectForm(t, metadataOnly);
    const render = table
      ? (obj: KubeObject) => printTable(stored, [obj], new Date(), include)
      : metadataOnly
        ? (obj: KubeObject) => partialObject(t, obj, metadataOnly)
        : (obj: KubeObject) => fromStorage(t, obj);
    const timeout = Number(query.timeoutSeconds);
    await streamWatch(res, {
      resource: stored,
      namespace,
      selectors,
      resourceVersion: query.resourceVersion,
      allowBookmarks: queryBool(query.allowWatchBookmarks),
      timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 1800,
      render,
    }, this.watchSources, () => this.api.list(stored, namespace, {}).items);
  }
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const headers: Record<string, string | string[]> = { 'Content-Type': reply.contentType ?? 'application/json' };
  if (reply.warnings?.length) headers.Warning = reply.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  if (reply.retryAfter) headers['Retry-After'] = String(reply.retryAfter);
  res.writeHead(reply.code, headers);
  res.end(reply.body);
}

function discovery(core: boolean, accept: string, host: string): Reply {
  if (accept.includes('as=APIGroupDiscoveryList')) {
    const version = /v=v2(;|,|$)/.test(accept) ? 'v2' : 'v2beta1';
    return { ...json(200, aggregatedDiscovery(core, version)), contentType: aggregatedDiscoveryMediaType(version) };
  }
  return json(200, core ? apiVersions(host) : apiGroupList());
}

function writeSubresource(sub: string | undefined): WriteSubresource | undefined {
  return sub === 'status' || sub === 'ephemeralcontainers' || sub === 'finalize' || sub === 'approval' ? sub : undefined;
}

function includeOf(query: Query): 'None' | 'Metadata' | 'Object' {
  const v = query.includeObject;
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** kubectl, a service's client, a person with curl, or the lab's chaos drills (`chaos`): named in the event log. */
export function actorOf(req: Pick<HttpRequest, 'headers'>): string {
  const command = req.headers['kubectl-command'];
  if (command) return `user:${String(command)}`;
  const agent = String(req.headers['user-agent'] ?? 'unknown').split(' ')[0].split('/')[0];
  return agent === 'chaos' || agent === 'kubelab' ? agent : `user:${agent || 'unknown'}`;
}

/** The cause a write names (`kubelab-cause: SEQ`), or null; anything but a seq is refused, before anything is written. */
export function causeOf(req: Pick<HttpRequest, 'headers'>): number | null {
  const given = req.headers[causeHeader];
  if (given === undefined) return null;
  if (typeof given !== 'string' || !/^[1-9]\d{0,15}$/.test(given)) throw badRequest(`the ${causeHeader} header must be the seq of an entry of the event log (a positive whole number), got ${JSON.stringify(given)}`);
  return Number(given);
}

/** metadata.name of a JSON or YAML body, or nothing: all a refusal keeps of a refused create. */
function nameInBody(body: Buffer | undefined): string | undefined {
  if (!body || body.length === 0) return undefined;
  try {
    const name = (parseYaml(body.toString('utf8')) as KubeObject | null)?.metadata?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** A Scale body's spec.replicas, as sent: decideScale refuses what is no count with kube-apiserver's 422. */
const replicasOf = (scale: KubeObject) => (scale as { spec?: { replicas: number } }).spec?.replicas as number;

function bindingTarget(body: KubeObject): string {
  const node = (body as { target?: { name?: unknown } }).target?.name;
  if (typeof node !== 'string' || node === '') throw badRequest('a Binding needs target.name: the node to bind to');
  return node;
}

/** The DeleteOptions fields of an Eviction that decodeStrict found of the right types. */
interface EvictionDeleteOptions {
  dryRun?: unknown;
  gracePeriodSeconds?: number;
  preconditions?: DeleteOptions['preconditions'];
}

/** The Eviction's DeleteOptions; a dryRun in them or in the query makes the eviction a dry run, as kube-apiserver's propagateDryRun. */
function evictionOptions(body: KubeObject, query: Query) {
  // Decoded as kube-apiserver decodes an Eviction: a value of the wrong type ("gracePeriodSeconds": "x") is a 400, never an eviction.
  const [typeError] = decodeStrict('io.k8s.api.policy.v1.Eviction', body).typeErrors;
  if (typeError) throw badRequest(decodeErrorMessage('Eviction', 'v1', typeError));
  const d: EvictionDeleteOptions = (body as { deleteOptions?: EvictionDeleteOptions }).deleteOptions ?? {};
  const dryRun = [dryRunList(d.dryRun, 'DeleteOptions'), dryRunQuery(query, 'CreateOptions')].includes(true);
  return { gracePeriodSeconds: d.gracePeriodSeconds, preconditions: d.preconditions, dryRun };
}

function listReply(t: ResourceType, body: string) {
  const list = JSON.parse(body) as { items: unknown[] };
  return { kind: t.listKind, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, metadata: {}, items: list.items };
}

/**
 * Whether discovery lists the verb this request needs, of the subresource when it names one
 * (DELETE pods/NAME/status is no delete of the pod), so what a type or subresource does not
 * serve answers 405 as on Kubernetes.
 */
function verbAllowed(t: ResourceType, method: string, named: boolean, subresource: string | undefined): boolean {
  if (subresource) {
    const verb = ({ GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete', POST: 'create' } as Record<string, string>)[method];
    return verb !== undefined && Boolean(t.subresources.find((s) => s.name === subresource)?.verbs.includes(verb));
  }
  const verb: Record<string, string> = named
    ? { GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete', POST: 'create' }
    : { GET: 'list', POST: 'create', DELETE: 'deletecollection' };
  const needed = verb[method];
  // PUT and PATCH of a stored collection go on to write's own 405, which says the name is missing; other methods (OPTIONS) are no verb.
  if (needed === undefined) return !named && (method === 'PUT' || method === 'PATCH') && (t.storage === 'log' || t.storage === 'view');
  return t.verbs.includes(needed) || (named && method === 'POST');
}

/** A body's apiVersion and kind must be the request's before it is converted to its storage version. */
function checkedKind(t: ResourceType, body: KubeObject): KubeObject {
  const expected = groupVersionOf(t);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`);
  }
  return { ...body, apiVersion: expected, kind: t.kind };
}

/** A reply of a view type's write, in the version the client asked for. */
function convertedReply(t: ResourceType, reply: Reply): Reply {
  if (reply.code >= 300) return reply;
  const body = JSON.parse(reply.body) as KubeObject;
  return body.kind === t.kind ? { ...reply, body: JSON.stringify(fromStorage(t, body)) } : reply;
}
