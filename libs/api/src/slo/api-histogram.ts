/**
 * kube-apiserver's apiserver_request_duration_seconds, as the lab's api-server serves it at /metrics and as
 * clusterloader2's APIResponsivenessPrometheus reads it: the histogram's name, labels and buckets
 * (k8s.io/apiserver/pkg/endpoints/metrics), and the SLO's summary per verb, resource, subresource and scope —
 * the series of one key added up across groups, versions, dry runs and api-servers, as
 * `sum by (resource, subresource, verb, scope, le)` does, their percentiles estimated by histogram_quantile.
 */
import type { HistogramBucket, HistogramSeries } from './exposition.js';
import { histogramPercentiles } from './histogram-quantile.js';
import { classify, judge, type ApiCallScope, type ApiCallSummary, type ApiCallVerb } from './slo.js';

export const requestDurationMetric = 'apiserver_request_duration_seconds';

export const requestDurationHelp = 'Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.';

/** kube-apiserver's bounds (seconds), chosen there to tell the SLO's 1 s, 5 s and 30 s apart. */
export const requestDurationBuckets: readonly number[] = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

/** The histogram's labels, in the order kube-apiserver declares them. */
export const requestDurationLabels = ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component'] as const;

export type RequestDurationLabel = (typeof requestDurationLabels)[number];

/** What kube-apiserver's metrics call themselves in the component label. */
export const apiServerComponent = 'apiserver';

/** The subresources clusterloader2 leaves out of the SLO: streams, however long they last. */
const streamSubresources = new Set(['log', 'exec', 'portforward', 'attach', 'proxy']);
const judgedVerbs = new Set<string>(['POST', 'PUT', 'PATCH', 'APPLY', 'DELETE', 'GET', 'LIST']);
const scopes = new Set<string>(['resource', 'namespace', 'cluster']);

/**
 * One summary per verb, resource, subresource and scope the histogram observed, judged against its class's threshold; the
 * slowest p99 first (clusterloader2's order). WATCH, CONNECT and the stream subresources are left out, as clusterloader2
 * filters them (`verb!="WATCH", subresource!~"log|exec|portforward|attach|proxy"`), and so is what is no resource request.
 */
export function apiResponsivenessFromHistogram(series: readonly HistogramSeries[]): ApiCallSummary[] {
  const groups = new Map<string, { verb: ApiCallVerb; resource: string; subresource: string; scope: ApiCallScope; buckets: Map<number, number> }>();
  for (const s of series) {
    const { verb = '', resource = '', subresource = '', scope = '' } = s.labels;
    if (!judgedVerbs.has(verb) || !scopes.has(scope) || resource === '' || streamSubresources.has(subresource)) continue;
    const key = JSON.stringify([verb, resource, subresource, scope]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { verb: verb as ApiCallVerb, resource, subresource, scope: scope as ApiCallScope, buckets: new Map() }));
    for (const b of s.buckets) group.buckets.set(b.le, (group.buckets.get(b.le) ?? 0) + b.count);
  }
  const summaries = [...groups.values()].flatMap(({ verb, resource, subresource, scope, buckets }) => {
    const latency = histogramPercentiles([...buckets].map(([le, count]): HistogramBucket => ({ le, count })));
    if (!latency) return [];
    const { callClass, thresholdMs } = classify(verb, scope);
    return [{ verb, resource, ...(subresource ? { subresource } : {}), scope, callClass, thresholdMs, latency, verdict: judge(latency, thresholdMs) }];
  });
  const name = (c: ApiCallSummary) => `${c.resource}/${c.subresource ?? ''} ${c.verb} ${c.scope}`;
  // NaN (a histogram without +Inf) sorts last.
  const p99 = (c: ApiCallSummary) => (Number.isNaN(c.latency.p99) ? -Infinity : c.latency.p99);
  return summaries.sort((a, b) => p99(b) - p99(a) || name(a).localeCompare(name(b)));
}
