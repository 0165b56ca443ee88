import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { resourceTypes } from '../registry.js';
import { parseFieldSelector, parseLabelSelector } from '../selectors/index.js';
import { ApiError } from '../status.js';
import { getMetrics, listMetrics, type MetricsSource } from './metrics-reads.js';
import type { NodeUsageReport } from './node-usage-report.js';

const now = new Date('2025-01-01T12:00:07Z');
const podMetricsType = resourceTypes.find((t) => t.kind === 'PodMetrics')!;
const nodeMetricsType = resourceTypes.find((t) => t.kind === 'NodeMetrics')!;
const pod = (namespace: string, name: string, node: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, uid: `${namespace}-${name}`, labels }, spec: { nodeName: node },
});
const usage = (p: KubeObject) => ({ namespace: p.metadata.namespace!, name: p.metadata.name!, uid: p.metadata.uid!, window: '15s', containers: [{ name: 'c', cpuNanoCores: 5_000_000, memoryBytes: 1048576 }] });
const report = (node: string, pods: KubeObject[], expires = '2025-01-01T12:01:00.000Z'): NodeUsageReport => ({
  node, timestamp: '2025-01-01T12:00:05Z', window: '15s', cpuNanoCores: 100_000_000, memoryBytes: 268435456, pods: pods.map(usage), expires,
});

const web = pod('default', 'web', 'node-1', { app: 'web' });
const api = pod('default', 'api', 'node-2', { app: 'api' });
const dns = pod('kube-system', 'dns', 'node-1');
const young = pod('default', 'young', 'node-1');
const node = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels } });
const source: MetricsSource = {
  reports: new Map([['node-1', report('node-1', [web, dns])], ['node-2', report('node-2', [api])], ['node-3', report('node-3', [], '2025-01-01T12:00:00.000Z')]]),
  pods: (namespace) => [web, api, dns, young].filter((p) => namespace === undefined || p.metadata.namespace === namespace),
  nodes: () => [node('node-2', { zone: 'b' }), node('node-1', { zone: 'a' }), node('node-3')],
};
const selectors = (labels = '', fields = '') => ({ labels: labels ? parseLabelSelector(labels) : [], fields: fields ? parseFieldSelector(fields) : [] });
const names = (items: KubeObject[]) => items.map((m) => `${m.metadata.namespace ?? ''}/${m.metadata.name}`);

describe('listMetrics', () => {
  it.each([
    ['a namespace', 'default', '', '', ['default/api', 'default/web']],
    ['all namespaces', undefined, '', '', ['default/api', 'default/web', 'kube-system/dns']],
    ['a label selector on the pods', 'default', 'app=web', '', ['default/web']],
    ['a field selector on the name', undefined, '', 'metadata.name=dns', ['kube-system/dns']],
    ['a field selector on the namespace', undefined, '', 'metadata.namespace!=default', ['kube-system/dns']],
    ['a field selector on any other field, which matches nothing', undefined, '', 'spec.nodeName=node-1', []],
  ])('lists pod metrics of %s, without pods that have none yet', (_, namespace, labels, fields, expected) => {
    expect(names(listMetrics(podMetricsType, namespace, selectors(labels, fields), source, now))).toEqual(expected);
  });

  it('lists node metrics sorted by name, leaving out a node whose report is stale', () => {
    expect(names(listMetrics(nodeMetricsType, undefined, selectors(), source, now))).toEqual(['/node-1', '/node-2']);
    expect(names(listMetrics(nodeMetricsType, undefined, selectors('zone=b'), source, now))).toEqual(['/node-2']);
  });
});

describe('getMetrics', () => {
  const refusal = (read: () => unknown) => {
    try {
      read();
    } catch (e) {
      return e instanceof ApiError ? [e.code, e.status.message, e.status.details] : e;
    }
    return undefined;
  };

  it('gets one pod\'s or node\'s metrics', () => {
    expect(getMetrics(podMetricsType, 'default', 'web', source, now)).toMatchObject({ kind: 'PodMetrics', metadata: { name: 'web', labels: { app: 'web' } } });
    expect(getMetrics(nodeMetricsType, '', 'node-2', source, now)).toMatchObject({ kind: 'NodeMetrics', usage: { cpu: '100m', memory: '256Mi' } });
  });

  it.each([
    ['a pod without metrics yet', () => getMetrics(podMetricsType, 'default', 'young', source, now),
      [404, 'podmetrics.metrics.k8s.io "default/young" not found', { name: 'default/young', group: 'metrics.k8s.io', kind: 'podmetrics' }]],
    ['a pod that does not exist', () => getMetrics(podMetricsType, 'default', 'nope', source, now), [404, 'pods "nope" not found', { name: 'nope', kind: 'pods' }]],
    ['a pod of another namespace', () => getMetrics(podMetricsType, 'kube-system', 'web', source, now), [404, 'pods "web" not found', { name: 'web', kind: 'pods' }]],
    ['a node whose report is stale', () => getMetrics(nodeMetricsType, '', 'node-3', source, now),
      [404, 'nodemetrics.metrics.k8s.io "node-3" not found', { name: 'node-3', group: 'metrics.k8s.io', kind: 'nodemetrics' }]],
    ['a node that does not exist', () => getMetrics(nodeMetricsType, '', 'node-9', source, now), [404, 'nodes "node-9" not found', { name: 'node-9', kind: 'nodes' }]],
  ])('answers %s as metrics-server does', (_, read, expected) => {
    expect(refusal(read)).toEqual(expected);
  });
});
