import { describe, expect, it } from 'vitest';
import { apiResponsivenessFromHistogram, requestDurationBuckets } from './api-histogram.js';
import type { HistogramSeries } from './exposition.js';
import { apiVerdict } from './slo.js';

/** A series of apiserver_request_duration_seconds: `under` observations at most each bound (kube-apiserver's bounds), `total` in all. */
function series(labels: Record<string, string>, under: Record<number, number>, total: number): HistogramSeries {
  let count = 0;
  const buckets = [...requestDurationBuckets, Infinity].map((le) => {
    count = le === Infinity ? total : Math.max(count, under[le] ?? 0);
    return { le, count };
  });
  return { labels: { component: 'apiserver', dry_run: '', group: '', version: 'v1', subresource: '', ...labels }, buckets, sum: 0, count: total };
}

describe('apiResponsivenessFromHistogram', () => {
  it('sums a verb, resource, subresource and scope across groups, versions, dry runs and api-servers, as sum by (…, le) does', () => {
    const calls = apiResponsivenessFromHistogram([
      series({ verb: 'POST', resource: 'pods', scope: 'resource' }, { 0.005: 50 }, 50),
      series({ verb: 'POST', resource: 'pods', scope: 'resource', dry_run: 'All' }, { 0.025: 40 }, 40),
      // The same calls counted by a second api-server.
      series({ verb: 'POST', resource: 'pods', scope: 'resource', component: 'apiserver' }, { 0.05: 10 }, 10),
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ verb: 'POST', resource: 'pods', scope: 'resource', callClass: 'mutating', thresholdMs: 1000, verdict: 'PASS' });
    expect(calls[0].latency.count).toBe(100);
    // 50 at most 5 ms, 90 at most 25 ms: the 50th is at 5 ms, the 90th at 25 ms, the 99th 9/10 into (25 ms, 50 ms].
    expect(calls[0].latency.p50).toBeCloseTo(5, 9);
    expect(calls[0].latency.p90).toBeCloseTo(25, 9);
    expect(calls[0].latency.p99).toBeCloseTo(47.5, 9);
  });

  it.each([
    ['a mutating call', { verb: 'PATCH', resource: 'nodes', scope: 'resource', subresource: 'status' }, { 1: 100 }, 'PASS', 1000],
    ['a mutating call over 1 s', { verb: 'APPLY', resource: 'deployments', scope: 'resource' }, { 1: 98 }, 'FAIL', 1000],
    ['a single read', { verb: 'GET', resource: 'pods', scope: 'resource' }, { 1: 99 }, 'PASS', 1000],
    ['a namespace LIST under 5 s', { verb: 'LIST', resource: 'pods', scope: 'namespace' }, { 4: 99 }, 'PASS', 5000],
    ['a namespace LIST over 5 s', { verb: 'LIST', resource: 'pods', scope: 'namespace' }, { 5: 98 }, 'FAIL', 5000],
    ['a cluster LIST under 30 s', { verb: 'LIST', resource: 'pods', scope: 'cluster' }, { 20: 100 }, 'PASS', 30_000],
    ['a cluster LIST in +Inf: 60 s at most', { verb: 'LIST', resource: 'pods', scope: 'cluster' }, { 30: 50 }, 'FAIL', 30_000],
  ])('judges %s against its class\'s threshold', (_, labels, under, verdict, thresholdMs) => {
    const [call] = apiResponsivenessFromHistogram([series(labels, under, 100)]);
    expect(call).toMatchObject({ verdict, thresholdMs });
  });

  it.each([
    ['WATCH', { verb: 'WATCH', resource: 'pods', scope: 'namespace' }],
    ['CONNECT', { verb: 'CONNECT', resource: 'pods', scope: 'resource', subresource: 'exec' }],
    ['a pod\'s log read', { verb: 'GET', resource: 'pods', scope: 'resource', subresource: 'log' }],
    ['a proxied call', { verb: 'GET', resource: 'services', scope: 'resource', subresource: 'proxy' }],
    ['a verb kube-apiserver reports as other', { verb: 'other', resource: 'pods', scope: 'resource' }],
    ['a request for no resource', { verb: 'GET', resource: '', scope: '' }],
  ])('leaves out %s, as clusterloader2 does', (_, labels) => {
    expect(apiResponsivenessFromHistogram([series(labels, { 60: 1 }, 1)])).toEqual([]);
  });

  it('keeps subresources apart, drops kinds of call never made, and puts the slowest p99 first', () => {
    const calls = apiResponsivenessFromHistogram([
      series({ verb: 'POST', resource: 'pods', scope: 'resource' }, { 0.005: 10 }, 10),
      series({ verb: 'POST', resource: 'pods', scope: 'resource', subresource: 'binding' }, { 0.1: 10 }, 10),
      series({ verb: 'DELETE', resource: 'pods', scope: 'resource' }, {}, 0),
    ]);
    expect(calls.map((c) => [c.verb, c.resource, c.subresource])).toEqual([['POST', 'pods', 'binding'], ['POST', 'pods', undefined]]);
    expect(apiVerdict(calls)).toBe('PASS');
  });
});
