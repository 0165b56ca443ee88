import { findResourceType, parseHistogram, parseScalar, requestDurationBuckets, requestDurationMetric } from '@kubelab/api';
import type { ApiBusRequest } from '@kubelab/bus';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { busRequestLabels, httpRequestLabels, RequestMetrics, type ResourceRoute } from './request-metrics.js';

const type = (group: string, plural: string, version = 'v1') => findResourceType(group, version, plural)!;
const route = (plural: string, at: Partial<Omit<ResourceRoute, 'resource'>> = {}, group = ''): ResourceRoute => ({ resource: type(group, plural), namespace: '', allNamespaces: false, ...at });
const inDefault = { namespace: 'default' };

describe('httpRequestLabels: kube-apiserver\'s labels of an HTTPS request', () => {
  it.each([
    ['a create: POST, of one resource', 'POST', route('pods', inDefault), {}, undefined, { verb: 'POST', resource: 'pods', scope: 'resource' }],
    ['a read of one object: GET', 'GET', route('pods', { ...inDefault, name: 'web' }), {}, undefined, { verb: 'GET', scope: 'resource' }],
    ['a namespace\'s collection: LIST', 'GET', route('pods', inDefault), {}, undefined, { verb: 'LIST', scope: 'namespace' }],
    ['every namespace\'s: LIST of the cluster', 'GET', route('pods', { allNamespaces: true }), {}, undefined, { verb: 'LIST', scope: 'cluster' }],
    ['a cluster-scoped collection', 'GET', route('nodes'), {}, undefined, { verb: 'LIST', resource: 'nodes', scope: 'cluster' }],
    ['a watch', 'GET', route('pods', inDefault), { watch: 'true' }, undefined, { verb: 'WATCH', scope: 'namespace' }],
    ['watch=false: still a LIST', 'GET', route('pods', inDefault), { watch: 'false' }, undefined, { verb: 'LIST' }],
    ['a server-side apply: APPLY', 'PATCH', route('deployments', { ...inDefault, name: 'web' }, 'apps'), {}, 'application/apply-patch+yaml', { verb: 'APPLY', group: 'apps', resource: 'deployments' }],
    ['a merge patch: PATCH', 'PATCH', route('pods', { ...inDefault, name: 'web' }), {}, 'application/merge-patch+json', { verb: 'PATCH' }],
    ['a subresource', 'PUT', route('pods', { ...inDefault, name: 'web', subresource: 'status' }), {}, undefined, { verb: 'PUT', subresource: 'status', scope: 'resource' }],
    ['a binding: POST of one resource', 'POST', route('pods', { ...inDefault, name: 'web', subresource: 'binding' }), {}, undefined, { verb: 'POST', subresource: 'binding' }],
    ['a log read: CONNECT', 'GET', route('pods', { ...inDefault, name: 'web', subresource: 'log' }), {}, undefined, { verb: 'CONNECT', subresource: 'log' }],
    ['a delete of a collection', 'DELETE', route('pods', inDefault), {}, undefined, { verb: 'DELETE', scope: 'namespace' }],
    ['a dry run', 'POST', route('pods', inDefault), { dryRun: 'All' }, undefined, { dry_run: 'All' }],
    ['a dry run of no known value', 'POST', route('pods', inDefault), { dryRun: 'Some' }, undefined, { dry_run: 'invalid' }],
    ['a method kube-apiserver does not count', 'OPTIONS', route('pods', inDefault), {}, undefined, { verb: 'other' }],
  ])('%s', (_, method, r, query, contentType, expected) => {
    expect(httpRequestLabels(method, r, query, contentType)).toEqual({
      verb: expect.any(String), dry_run: '', group: '', version: 'v1', resource: 'pods', subresource: '', scope: expect.any(String), ...expected,
    });
  });
});

describe('busRequestLabels: a component\'s call over NATS, labelled as the same call over HTTPS', () => {
  const pods = type('', 'pods');
  it.each([
    ['create', {}, { verb: 'POST', scope: 'resource' }],
    ['get', { name: 'web' }, { verb: 'GET', scope: 'resource' }],
    ['list', {}, { verb: 'LIST', scope: 'namespace' }],
    ['updateStatus', { name: 'web' }, { verb: 'PUT', subresource: 'status', scope: 'resource' }],
    ['patchStatus', { name: 'web' }, { verb: 'PATCH', subresource: 'status', scope: 'resource' }],
    ['bind', { name: 'web' }, { verb: 'POST', subresource: 'binding', scope: 'resource' }],
    ['evict', { name: 'web' }, { verb: 'POST', subresource: 'eviction', scope: 'resource' }],
    ['delete', { name: 'web' }, { verb: 'DELETE', scope: 'resource' }],
  ] as [ApiBusRequest['verb'], Partial<ApiBusRequest>, object][])('%s', (verb, at, expected) => {
    expect(busRequestLabels({ verb, namespace: 'default', ...at }, pods)).toEqual({ dry_run: '', group: '', version: 'v1', resource: 'pods', subresource: '', ...expected });
  });

  it('lists every namespace\'s objects as the cluster\'s, and a cluster-scoped kind\'s too', () => {
    expect(busRequestLabels({ verb: 'list' }, pods)?.scope).toBe('cluster');
    expect(busRequestLabels({ verb: 'list', namespace: 'default' }, type('', 'nodes'))?.scope).toBe('cluster');
  });

  it.each(['etcd', 'kubeadm', 'recordDrop'] as const)('does not time %s: no resource request', (verb) => {
    expect(busRequestLabels({ verb }, pods)).toBeUndefined();
  });
});

describe('RequestMetrics', () => {
  const labels = { verb: 'WATCH', dry_run: '', group: '', version: 'v1', resource: 'pods', subresource: '', scope: 'namespace' };

  it('serves apiserver_request_duration_seconds in kube-apiserver\'s buckets, component apiserver, and when the process started', () => {
    const m = new RequestMetrics();
    m.observe({ ...labels, verb: 'POST', scope: 'resource' }, 0.003);
    const text = m.metricsText();
    const [series] = parseHistogram(text, requestDurationMetric);
    expect(series.labels).toEqual({ ...labels, verb: 'POST', scope: 'resource', component: 'apiserver' });
    expect(series.buckets.map((b) => b.le)).toEqual([...requestDurationBuckets, Infinity]);
    expect(series.buckets.every((b) => b.count === 1)).toBe(true);
    const started = parseScalar(text, 'process_start_time_seconds')!;
    expect(started).toBeLessThanOrEqual(Date.now() / 1000);
    expect(started).toBeGreaterThan(Date.now() / 1000 - process.uptime() - 5);
  });

  it('times an answer already sent at once, and a stream when it closes', () => {
    const m = new RequestMetrics();
    const count = () => parseHistogram(m.metricsText(), requestDurationMetric).reduce((n, s) => n + s.count, 0);
    m.observeWhenAnswered(labels, performance.now(), { writableEnded: true, once: () => undefined });
    expect(count()).toBe(1);
    const stream = Object.assign(new EventEmitter(), { writableEnded: false });
    m.observeWhenAnswered(labels, performance.now() - 2500, stream);
    expect(count()).toBe(1);
    stream.emit('close');
    expect(count()).toBe(2);
    const watch = parseHistogram(m.metricsText(), requestDurationMetric)[0];
    expect(watch.sum).toBeGreaterThanOrEqual(2.5);
    expect(watch.buckets.find((b) => b.le === 2)?.count).toBe(1);
  });
});
