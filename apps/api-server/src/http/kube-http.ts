/**
 * The Kubernetes REST surface: maps each request to a read, a watch or a command,
 * and every failure to a Status. Nothing a client sends can crash the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  aggregatedDiscovery, aggregatedDiscoveryMediaType, apiGroupList, apiResourceList, apiVersions, ApiError, applyPatch, badRequest,
  internalError, methodNotAllowed, tooLarge, openApiV3Document, openApiV3Index, pathNotFound, printTable, scaleOf, versionInfo,
  type Command, type KubeObject, type ResourceType, type WriteSubresource,
} from '@kubelab/api';
import type { Logger } from 'pino';
import { parseSelectors, type ApiService } from '../api.service.js';
import type { CommandResult } from '../store/committer.js';
import { deleteOptions, limitOf, objectBody, patchBody, writeOptions, type Query } from './request-options.js';
import { queryFlag } from './query-flag.js';
import { parseResourcePath } from './route.js';
import type { LogAnswer } from '../nats/log-reader.js';
import { clusterStateAt, eventLogEntry, streamEventLog, type EventLog } from './event-log-http.js';
import { streamWatch, type WatchSources } from './watch-stream.js';

/** A reply: status, content type, body text, extra headers. */
interface Reply {
  code: number;
  contentType?: string;
  body: string;
  warnings?: string[];
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer | undefined;
}

/** Reads container logs from the pod's node (the kubelet-agent, over NATS). */
export type LogReader = (pod: KubeObject, query: Query) => Promise<LogAnswer>;

/** kube-apiserver's limit on a request body. */
export const maxBodyBytes = 3 * 1024 * 1024;

const json = (code: number, body: unknown, warnings?: string[]): Reply => ({ code, body: typeof body === 'string' ? body : JSON.stringify(body), warnings });
const openApiHash = 'kubelab-1';

export class KubeHttp {
  constructor(
    private readonly api: ApiService,
    private readonly watchSources: WatchSources,
    private readonly readLogs: LogReader,
    private readonly eventLog: EventLog,
    private readonly log: Logger,
  ) {}

  /** The documents are large and never change while the server runs: built once each. */
  private readonly openApiCache = new Map<string, Reply>();

  private openApiDocument(groupVersionPath: string): Reply {
    let reply = this.openApiCache.get(groupVersionPath);
    if (!reply) {
      const doc = openApiV3Document(groupVersionPath);
      if (!doc) throw pathNotFound();
      reply = json(200, doc);
      this.openApiCache.set(groupVersionPath, reply);
    }
    return reply;
  }

  private streamEvents(res: ServerResponse, query: Query): Promise<void> {
    return streamEventLog(res, query, this.eventLog, this.watchSources.hub);
  }

  /** Serves one request; the raw response is used directly for watches and streams. */
  async handle(req: HttpRequest, res: ServerResponse): Promise<void> {
    let reply: Reply | undefined;
    try {
      if (req.body && req.body.length > maxBodyBytes) throw tooLarge(maxBodyBytes);
      reply = await this.route(req, res);
    } catch (e) {
      reply = this.failure(e, req);
    }
    if (reply) send(res, reply);
  }

  private failure(e: unknown, req: HttpRequest): Reply {
    if (e instanceof ApiError) return json(e.code, e.status);
    this.log.error({ err: e instanceof Error ? e.message : String(e), method: req.method, url: req.url }, 'request failed');
    return json(500, internalError('the server could not handle the request').status);
  }

  private async route(req: HttpRequest, res: ServerResponse): Promise<Reply | undefined> {
    const url = new URL(req.url, 'http://kubelab');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const query: Query = Object.fromEntries(url.searchParams);
    const accept = String(req.headers.accept ?? '');
    switch (path) {
      case '/version':
        return json(200, versionInfo);
      case '/healthz':
      case '/livez':
      case '/readyz':
        return { code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
      case '/api':
      case '/apis':
        return discovery(path === '/api', accept, String(req.headers.host ?? '127.0.0.1'));
      case '/openapi/v3':
        return json(200, openApiV3Index(openApiHash));
      case '/openapi/v2':
        // An empty OpenAPI v2 document (a valid, empty protobuf message): kubectl falls back
        // to it for group versions that v3 does not list, and then reports "no matches for
        // kind" for a misspelled apiVersion as it would against a real cluster.
        return { code: 200, contentType: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', body: '' };
    }
    if (path === '/kubelab/v1/events') {
      await this.streamEvents(res, query);
      return undefined;
    }
    if (path === '/kubelab/v1/state') return json(200, await clusterStateAt(query, this.eventLog));
    if (path.startsWith('/kubelab/v1/events/')) return json(200, await eventLogEntry(path.slice('/kubelab/v1/events/'.length), this.eventLog));
    if (path.startsWith('/openapi/v3/')) return this.openApiDocument(path.slice('/openapi/v3/'.length));
    const route = parseResourcePath(path);
    if (route.type === 'groupVersion') {
      const list = apiResourceList(route.group, route.version);
      if (!list) throw pathNotFound();
      return json(200, list);
    }
    if (route.type === 'unknown') throw pathNotFound();
    return this.resource(req, res, route, query, accept);
  }

  private async resource(
    req: HttpRequest,
    res: ServerResponse,
    r: Extract<ReturnType<typeof parseResourcePath>, { type: 'resource' }>,
    query: Query,
    accept: string,
  ): Promise<Reply | undefined> {
    const t = r.resource;
    const namespace = r.namespace;
    const table = accept.includes('as=Table');
    const actor = actorOf(req);
    if (r.subresource && !t.subresources.some((s) => s.name === r.subresource)) throw pathNotFound();
    if (req.method === 'GET') {
      if (!r.name) {
        if (queryFlag(query.watch)) {
          await this.watch(res, t, r.allNamespaces ? undefined : namespace, query, table);
          return undefined;
        }
        const result = this.api.list(t, r.allNamespaces ? undefined : namespace, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector, limit: limitOf(query), continue: query.continue });
        if (table) return json(200, printTable(t, result.items.map((s) => s.object), new Date(), includeOf(query), { resourceVersion: result.resourceVersion, continue: result.continue }));
        return json(200, this.api.listJson(t, result));
      }
      const stored = this.api.get(t, namespace, r.name);
      if (r.subresource === 'scale') return json(200, scaleOf(stored.object));
      if (r.subresource === 'log') return this.logs(res, stored.object, query);
      if (table) return json(200, printTable(t, [stored.object], new Date(), includeOf(query), { resourceVersion: stored.object.metadata.resourceVersion }));
      return json(200, stored.json);
    }
    return this.write(req, t, namespace, r.name, r.subresource, query, actor);
  }

  private async write(req: HttpRequest, t: ResourceType, namespace: string, name: string | undefined, sub: string | undefined, query: Query, actor: string): Promise<Reply> {
    const contentType = req.headers['content-type'];
    const target = { resource: t, namespace };
    let command: Command;
    switch (req.method) {
      case 'POST':
        if (!name) command = { type: 'Create', ...target, body: objectBody(req.body, contentType), options: writeOptions(query) };
        else if (sub === 'binding') command = { type: 'Bind', ...target, name, nodeName: bindingTarget(objectBody(req.body, contentType)) };
        else if (sub === 'eviction') command = { type: 'Evict', ...target, name, options: evictionOptions(objectBody(req.body, contentType)) };
        else throw methodNotAllowed(`POST is not supported on ${t.plural}${sub ? `/${sub}` : ''} with a name`);
        break;
      case 'PUT': {
        if (!name) throw methodNotAllowed('PUT needs an object name');
        const body = objectBody(req.body, contentType);
        if (sub === 'scale') command = { type: 'UpdateScale', ...target, name, replicas: body.spec?.replicas, resourceVersion: body.metadata?.resourceVersion, options: writeOptions(query) };
        else command = { type: 'Update', ...target, name, body, options: writeOptions(query), subresource: writeSubresource(sub) };
        break;
      }
      case 'PATCH': {
        if (!name) throw methodNotAllowed('PATCH needs an object name');
        const { patchType, patch } = patchBody(req.body, contentType);
        if (sub === 'scale') {
          const scale = applyPatch(patchType, scaleOf(this.api.get(t, namespace, name).object), patch) as KubeObject;
          command = { type: 'UpdateScale', ...target, name, replicas: scale.spec?.replicas, resourceVersion: undefined, options: writeOptions(query) };
        } else {
          command = { type: 'Patch', ...target, name, patchType, patch, options: writeOptions(query), subresource: writeSubresource(sub) };
        }
        break;
      }
      case 'DELETE': {
        const options = deleteOptions(req.body, contentType, query);
        if (name) command = { type: 'Delete', ...target, name, options };
        else {
          const names = this.api.list(t, namespace || undefined, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector }).items.map((s) => s.object.metadata.name!);
          command = { type: 'DeleteCollection', ...target, names, options };
        }
        break;
      }
      default:
        throw methodNotAllowed(`${req.method} is not supported`);
    }
    const result: CommandResult = await this.api.execute(command, actor);
    if (command.type === 'UpdateScale' && result.code === 200 && !result.body.includes('"kind":"Scale"')) {
      return json(200, scaleOf(JSON.parse(result.body)), result.warnings);
    }
    if (command.type === 'DeleteCollection') return json(200, listReply(t, result.body), result.warnings);
    return json(result.code, result.body, result.warnings);
  }

  /** pods/log: the text, or with follow=true a stream that ends when the container's run does. */
  private async logs(res: ServerResponse, pod: KubeObject, query: Query): Promise<Reply | undefined> {
    const answer = await this.readLogs(pod, query);
    if (!answer.follow) return { code: 200, contentType: 'text/plain', body: answer.text };
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.flushHeaders();
    res.write(answer.text);
    const cancel = answer.follow.start((text) => res.write(text), () => res.end());
    res.on('close', cancel);
    return undefined;
  }

  private async watch(res: ServerResponse, t: ResourceType, namespace: string | undefined, query: Query, table: boolean): Promise<void> {
    const selectors = parseSelectors(t, query.labelSelector, query.fieldSelector);
    const timeout = Number(query.timeoutSeconds);
    const include = includeOf(query);
    await streamWatch(res, {
      resource: t,
      namespace,
      selectors,
      resourceVersion: query.resourceVersion,
      allowBookmarks: queryFlag(query.allowWatchBookmarks),
      timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 1800,
      render: table ? (obj) => printTable(t, [obj], new Date(), include) : (obj) => obj,
    }, this.watchSources, () => this.api.list(t, namespace, {}).items);
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const headers: Record<string, string | string[]> = { 'Content-Type': reply.contentType ?? 'application/json' };
  if (reply.warnings?.length) headers.Warning = reply.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(reply.code, headers);
  res.end(reply.body);
}

function discovery(core: boolean, accept: string, host: string): Reply {
  if (accept.includes('as=APIGroupDiscoveryList')) {
    const version = /v=v2(;|,|$)/.test(accept) ? 'v2' : 'v2beta1';
    return { code: 200, contentType: aggregatedDiscoveryMediaType(version), body: JSON.stringify(aggregatedDiscovery(core, version)) };
  }
  return json(200, core ? apiVersions(host) : apiGroupList());
}

function writeSubresource(sub: string | undefined): WriteSubresource | undefined {
  return sub === 'status' || sub === 'ephemeralcontainers' ? sub : undefined;
}

function includeOf(query: Query): 'None' | 'Metadata' | 'Object' {
  const v = query.includeObject;
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** kubectl, a service's client, a person with curl, or the lab's chaos drills (`chaos`): named in the event log. */
function actorOf(req: HttpRequest): string {
  const command = req.headers['kubectl-command'];
  if (command) return `user:${String(command)}`;
  const agent = String(req.headers['user-agent'] ?? 'unknown').split(' ')[0].split('/')[0];
  return agent === 'chaos' ? 'chaos' : `user:${agent || 'unknown'}`;
}

function bindingTarget(body: Record<string, any>): string {
  const node = body.target?.name;
  if (typeof node !== 'string' || node === '') throw badRequest('a Binding needs target.name: the node to bind to');
  return node;
}

function evictionOptions(body: Record<string, any>) {
  const d = body.deleteOptions ?? {};
  return { gracePeriodSeconds: d.gracePeriodSeconds, preconditions: d.preconditions };
}

function listReply(t: ResourceType, body: string) {
  const list = JSON.parse(body) as { items: unknown[] };
  return { kind: t.listKind, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, metadata: {}, items: list.items };
}
