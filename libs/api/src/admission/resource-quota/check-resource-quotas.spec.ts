import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { checkResourceQuotas, type QuotaRequest } from './check-resource-quotas.js';

const now = new Date('2026-01-01T00:00:00Z');
const quota = (name: string, hard: Record<string, string>, spec: object = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'ns' }, spec: { hard, ...spec } });
const pod = (name: string, resources: object = {}, extra: object = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'nginx', resources }], ...extra },
});
const cpu = (request: string, limit = request) => ({ requests: { cpu: request, memory: '64Mi' }, limits: { cpu: limit, memory: '64Mi' } });
const check = (request: Partial<QuotaRequest> & Pick<QuotaRequest, 'object' | 'quotas'>) =>
  checkResourceQuotas({ group: '', resource: 'pods', stored: [], now, ...request });

describe('checkResourceQuotas on pods', () => {
  it('admits pods up to the count, then refuses with what was requested, used and limited', () => {
    const quotas = [quota('q', { pods: '2' })];
    expect(check({ object: pod('p2'), quotas, stored: [pod('p1')] })).toBeUndefined();
    expect(check({ object: pod('p3'), quotas, stored: [pod('p1'), pod('p2')] })).toBe('exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
  });

  it('does not count pods that have ended', () => {
    const done = { ...pod('done'), status: { phase: 'Succeeded' } };
    expect(check({ object: pod('p'), quotas: [quota('q', { pods: '1' })], stored: [done] })).toBeUndefined();
    expect(check({ object: pod('p'), quotas: [quota('q', { 'count/pods': '1' })], stored: [done] })).toBe('exceeded quota: q, requested: count/pods=1, used: count/pods=1, limited: count/pods=1');
  });

  it('lists every exceeded resource in name order', () => {
    const quotas = [quota('compute', { 'requests.cpu': '1', 'limits.cpu': '2', 'requests.memory': '1Gi', 'limits.memory': '1Gi', pods: '10' })];
    expect(check({ object: pod('p', cpu('600m', '1500m')), quotas, stored: [pod('a', cpu('500m', '1'))] }))
      .toBe('exceeded quota: compute, requested: limits.cpu=1500m,requests.cpu=600m, used: limits.cpu=1,requests.cpu=500m, limited: limits.cpu=2,requests.cpu=1');
  });

  it('refuses a pod that does not declare what a quota tracks, before counting', () => {
    const quotas = [quota('compute', { 'requests.cpu': '1', 'limits.memory': '1Gi' })];
    expect(check({ object: pod('p'), quotas })).toBe('failed quota: compute: must specify limits.memory for: c; requests.cpu for: c');
  });

  it('checks quotas in name order and reports the first refusal', () => {
    const quotas = [quota('z', { pods: '1' }), quota('a', { 'count/pods': '1' })];
    expect(check({ object: pod('p'), quotas, stored: [pod('x')] })).toMatch(/^exceeded quota: a,/);
  });

  it('applies a scoped quota only to the pods in its scopes', () => {
    const quotas = [quota('best-effort', { pods: '1' }, { scopes: ['BestEffort'] })];
    expect(check({ object: pod('p', cpu('100m')), quotas, stored: [pod('x')] })).toBeUndefined();
    expect(check({ object: pod('p'), quotas, stored: [pod('x'), pod('y', cpu('100m'))] })).toBe('exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1');
    const high = [quota('high', { pods: '0' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } })];
    expect(check({ object: pod('p'), quotas: high })).toBeUndefined();
    expect(check({ object: pod('p', {}, { priorityClassName: 'high' }), quotas: high })).toBe('exceeded quota: high, requested: pods=1, used: pods=0, limited: pods=0');
  });

  it('ignores a quota on resources pods do not use', () => {
    expect(check({ object: pod('p'), quotas: [quota('svc', { services: '0' })] })).toBeUndefined();
  });

  it('does not charge pod updates', () => {
    expect(check({ object: pod('p'), previous: pod('p'), quotas: [quota('q', { pods: '0' })], stored: [pod('p')] })).toBeUndefined();
  });
});

describe('checkResourceQuotas on other kinds', () => {
  const service = (name: string, type = 'ClusterIP', ports = 1): KubeObject => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'ns' }, spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) },
  });
  const claim = (name: string, storage: string, storageClassName?: string): KubeObject => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'ns' }, spec: { storageClassName, resources: { requests: { storage } } },
  });

  it('counts node ports and load balancers, also when an update changes the type', () => {
    const quotas = [quota('svc', { 'services.nodeports': '2', 'services.loadbalancers': '0' })];
    const request = { group: '', resource: 'services', now, quotas };
    expect(checkResourceQuotas({ ...request, object: service('a', 'NodePort', 2), stored: [] })).toBeUndefined();
    expect(checkResourceQuotas({ ...request, object: service('b', 'NodePort', 1), stored: [service('a', 'NodePort', 2)] }))
      .toBe('exceeded quota: svc, requested: services.nodeports=1, used: services.nodeports=2, limited: services.nodeports=2');
    expect(checkResourceQuotas({ ...request, object: service('a', 'LoadBalancer', 2), previous: service('a', 'NodePort', 2), stored: [service('a', 'NodePort', 2)] }))
      .toBe('exceeded quota: svc, requested: services.loadbalancers=1, used: services.loadbalancers=0, limited: services.loadbalancers=0');
  });

  it('charges a claim resize only by what it grows, also per storage class', () => {
    const quotas = [quota('storage', { 'requests.storage': '10Gi', 'fast.storageclass.storage.k8s.io/requests.storage': '5Gi' })];
    const request = { group: '', resource: 'persistentvolumeclaims', now, quotas };
    const stored = [claim('a', '4Gi', 'fast')];
    expect(checkResourceQuotas({ ...request, object: claim('a', '5Gi', 'fast'), previous: stored[0], stored })).toBeUndefined();
    expect(checkResourceQuotas({ ...request, object: claim('a', '6Gi', 'fast'), previous: stored[0], stored }))
      .toBe('exceeded quota: storage, requested: fast.storageclass.storage.k8s.io/requests.storage=2Gi, used: fast.storageclass.storage.k8s.io/requests.storage=4Gi, limited: fast.storageclass.storage.k8s.io/requests.storage=5Gi');
    expect(checkResourceQuotas({ ...request, object: claim('a', '3Gi', 'fast'), previous: stored[0], stored: [claim('a', '4Gi', 'fast'), claim('b', '7Gi')] })).toBeUndefined();
  });

  it('counts any kind as count/<resource>.<group>, and configmaps and secrets by their legacy names too', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'ns' } };
    expect(checkResourceQuotas({ group: 'apps', resource: 'deployments', object: deployment, quotas: [quota('q', { 'count/deployments.apps': '1' })], stored: [deployment], now }))
      .toBe('exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1');
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' } };
    expect(checkResourceQuotas({ group: '', resource: 'configmaps', object: configMap, quotas: [quota('q', { configmaps: '0', 'count/configmaps': '5' })], stored: [], now }))
      .toBe('exceeded quota: q, requested: configmaps=1, used: configmaps=0, limited: configmaps=0');
  });

  it('never charges core Events', () => {
    const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'ns' } };
    expect(checkResourceQuotas({ group: '', resource: 'events', object: event, quotas: [quota('q', { 'count/events': '0' })], stored: [], now })).toBeUndefined();
  });
});
