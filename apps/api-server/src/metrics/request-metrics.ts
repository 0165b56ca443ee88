/**
 * kube-apiserver's apiserver_request_duration_seconds (k8s.io/apiserver/pkg/endpoints/metrics): how long each resource
 * request took, from its arrival to the end of its answer, by verb, dry_run, group, version, resource, subresource, scope
 * and component, in kube-apiserver's buckets; served at /metrics with process_start_time_seconds, which tells since when.
 * Requests over HTTPS and over NATS alike (the components' calls), labelled as kube-apiserver labels them:
 * - verb: the HTTP method, a GET being a LIST without a name and a WATCH with ?watch; a server-side apply PATCH is
 *   APPLY; a call of log, exec, portforward, attach or proxy is CONNECT; a method it does not know is `other`;
 * - scope: `resource` for a named object and for a create, `namespace` for a namespace's collection, else `cluster`.
 * As there, only what reached a resource's handler is timed: a request refused by authentication or authorization, or for
 * a path, subresource or method the resource does not serve, is not; a refusal further in (404, 409, 422) is. A WATCH is
 * timed as kube-apiserver times it, when it ends, and is no part of the SLO (clusterloader2 leaves WATCH out).
 */
import {
  apiServerComponent, queryBool, requestDurationBuckets, requestDurationHelp, requestDurationLabels, requestDurationMetric, type RequestDurationLabel, type ResourceType,
} from '@kubelab/api';
import type { ApiBusRequest } from '@kubelab/bus';
import { Histogram } from './prometheus-histogram.js';

export type RequestLabels = Omit<Record<RequestDurationLabel, string>, 'component'>;

/** The resource request a route addressed, as route.ts parses it. */
export interface ResourceRoute {
  resource: ResourceType;
  namespace: string;
  name?: string;
  subresource?: string;
  allNamespaces: boolean;
}

/** kube-apiserver's validRequestMethods: any other verb is counted as `other`. */
const knownVerbs = new Set(['APPLY', 'CONNECT', 'CREATE', 'DELETE', 'DELETECOLLECTION', 'GET', 'LIST', 'PATCH', 'POST', 'PROXY', 'PUT', 'UPDATE', 'WATCH', 'WATCHLIST']);
/** kube-apiserver's validConnectRequests. */
const connectSubresources = new Set(['log', 'exec', 'portforward', 'attach', 'proxy']);

/** CleanScope: a name or a create is one object, else the namespace's collection, else every namespace's. */
function scopeOf(named: boolean, create: boolean, namespace: string | undefined): string {
  if (named || create) return 'resource';
  return namespace ? 'namespace' : 'cluster';
}

/** cleanDryRun: none, `All` (the one value there is), or `invalid`. */
const dryRunOf = (value: string | undefined) => (value === undefined || value === '' ? '' : value === 'All' ? 'All' : 'invalid');

/** The labels of an HTTPS request (or a pod's over NATS) that reached a resource's handler. */
export function httpRequestLabels(method: string, r: ResourceRoute, query: Record<string, string | undefined>, contentType: string | undefined): RequestLabels {
  const scope = scopeOf(Boolean(r.name), method === 'POST' && !r.name, r.allNamespaces ? '' : r.namespace);
  let verb = method;
  if (method === 'GET' || method === 'HEAD') verb = queryBool(query.watch) ? 'WATCH' : scope === 'resource' ? 'GET' : 'LIST';
  else if (method === 'PATCH' && contentType?.split(';')[0].trim().toLowerCase() === 'application/apply-patch+yaml') verb = 'APPLY';
  if (r.subresource && connectSubresources.has(r.subresource)) verb = 'CONNECT';
  if (!knownVerbs.has(verb)) verb = 'other';
  const t = r.resource;
  return { verb, dry_run: dryRunOf(query.dryRun), group: t.group, version: t.version, resource: t.plural, subresource: r.subresource ?? '', scope };
}

/** What each verb of the bus is over HTTPS: its method and the subresource it calls. */
const busVerbs: Partial<Record<ApiBusRequest['verb'], { verb: string; subresource?: string }>> = {
  get: { verb: 'GET' }, list: { verb: 'LIST' }, create: { verb: 'POST' }, update: { verb: 'PUT' }, updateStatus: { verb: 'PUT', subresource: 'status' },
  finalize: { verb: 'PUT', subresource: 'finalize' }, patch: { verb: 'PATCH' }, patchStatus: { verb: 'PATCH', subresource: 'status' }, delete: { verb: 'DELETE' },
  bind: { verb: 'POST', subresource: 'binding' }, evict: { verb: 'POST', subresource: 'eviction' }, requestToken: { verb: 'POST', subresource: 'token' },
  getScale: { verb: 'GET', subresource: 'scale' }, updateScale: { verb: 'PUT', subresource: 'scale' },
};

/** The labels of a component's request over NATS to `resource`, as the same call over HTTPS gets them; none for what is no resource request (etcd, kubeadm, a dropped connection). */
export function busRequestLabels(r: Pick<ApiBusRequest, 'verb' | 'namespace' | 'name'>, resource: ResourceType): RequestLabels | undefined {
  const call = busVerbs[r.verb];
  if (!call) return undefined;
  const scope = scopeOf(r.verb !== 'list' && Boolean(r.name), r.verb === 'create', resource.namespaced ? r.namespace : undefined);
  return { verb: call.verb, dry_run: '', group: resource.group, version: resource.version, resource: resource.plural, subresource: call.subresource ?? '', scope };
}

/** The api-server's request histogram. */
export class RequestMetrics {
  private readonly durations = new Histogram<RequestDurationLabel>(requestDurationMetric, requestDurationHelp, requestDurationLabels, requestDurationBuckets);

  /** A request labelled so took `seconds`. */
  observe(labels: RequestLabels, seconds: number): void {
    this.durations.observe({ ...labels, component: apiServerComponent }, seconds);
  }

  /**
   * A request that arrived at `began` (performance.now()) is timed when its answer ends: at once when `res` has ended, else
   * when it closes (a watch, a followed log: streams that end when the client or the timeout ends them).
   */
  observeWhenAnswered(labels: RequestLabels, began: number, res: { writableEnded: boolean; once(event: 'close', listener: () => void): unknown }): void {
    const done = () => this.observe(labels, (performance.now() - began) / 1000);
    if (res.writableEnded) done();
    else res.once('close', done);
  }

  /** The histogram in Prometheus' text format, and when this process started (client_golang's process collector), for GET /metrics. */
  metricsText(): string {
    const started = performance.timeOrigin / 1000;
    return `${this.durations.text()}# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds ${started}\n`;
  }
}
