import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { cpuQuantity, memoryQuantity, metricsListItem, nodeMetrics, podMetrics, podUsageOf } from './metrics-objects.js';
import { metricsTable } from './metrics-table.js';
import type { NodeUsageReport } from './node-usage-report.js';

const now = new Date('2025-01-01T12:00:07.250Z');
const report: NodeUsageReport = {
  node: 'node-1', timestamp: '2025-01-01T12:00:05Z', window: '15s', cpuNanoCores: 311_000_000, memoryBytes: 300 * 1048576,
  expires: '2025-01-01T12:00:50.000Z',
  pods: [
    { namespace: 'default', name: 'web', uid: 'u-web', window: '15s', containers: [{ name: 'nginx', cpuNanoCores: 1_234_567, memoryBytes: 3 * 1048576 + 4096 }] },
    { namespace: 'default', name: 'two', uid: 'u-two', window: '12.5s', containers: [{ name: 'a', cpuNanoCores: 10_000_000, memoryBytes: 5 * 1048576 }, { name: 'b', cpuNanoCores: 10_000_000, memoryBytes: 10 * 1048576 }] },
  ],
};
const pod = (name: string, uid: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid, ...(labels ? { labels } : {}) }, spec: { nodeName: 'node-1' },
});

describe('quantities as metrics-server prints them', () => {
  it.each([
    [0, '0'], [1_234_567, '1234567n'], [2_500_000, '2500u'], [500_000_000, '500m'], [1_000_000_000, '1'], [1_500_000_000, '1500m'], [299_999_999.6, '300m'],
  ])('cpu %d nanocores → %s', (nanoCores, text) => expect(cpuQuantity(nanoCores)).toBe(text));

  it.each([
    [0, '0'], [1000, '1k'], [4096, '4Ki'], [3 * 1048576 + 4096, '3076Ki'], [100 * 1048576, '100Mi'], [1073741824, '1Gi'], [1234567, '1234567'],
  ])('memory %d bytes → %s', (bytes, text) => expect(memoryQuantity(bytes)).toBe(text));
});

describe('NodeMetrics and PodMetrics', () => {
  it('makes a PodMetrics of the pod\'s usage, with its labels and a creationTimestamp of now', () => {
    const web = pod('web', 'u-web', { app: 'web' });
    const found = podUsageOf(web, new Map([['node-1', report]]), now)!;
    expect(podMetrics(web, found.usage, found.report, now)).toEqual({
      kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T12:00:07Z', labels: { app: 'web' } },
      timestamp: '2025-01-01T12:00:05Z', window: '15s',
      containers: [{ name: 'nginx', usage: { cpu: '1234567n', memory: '3076Ki' } }],
    });
  });

  it('makes a NodeMetrics without a namespace, and list items without kind and apiVersion', () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } } };
    const metrics = nodeMetrics(node, report, now);
    expect(metrics).toEqual({
      kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: 'node-1', creationTimestamp: '2025-01-01T12:00:07Z', labels: { 'kubernetes.io/hostname': 'node-1' } },
      timestamp: '2025-01-01T12:00:05Z', window: '15s', usage: { cpu: '311m', memory: '300Mi' },
    });
    expect(Object.keys(metricsListItem(metrics))).toEqual(['metadata', 'timestamp', 'window', 'usage']);
  });

  it.each([
    ['a pod the report does not hold (too young to measure)', pod('new', 'u-new'), new Map([['node-1', report]]), now],
    ['a pod of the same name but another UID (deleted and made again)', pod('web', 'u-other'), new Map([['node-1', report]]), now],
    ['a pod whose node has no report', { ...pod('web', 'u-web'), spec: { nodeName: 'node-2' } }, new Map([['node-1', report]]), now],
    ['a pod whose node\'s report went stale', pod('web', 'u-web'), new Map([['node-1', report]]), new Date('2025-01-01T12:00:50.000Z')],
  ])('finds no usage for %s', (_, p, reports, at) => {
    expect(podUsageOf(p, reports, at)).toBeUndefined();
  });
});

describe('metricsTable', () => {
  it('has Name, cpu, memory and Window, and sums a pod\'s containers', () => {
    const items = report.pods.map((p) => podMetrics(pod(p.name, p.uid), p, report, now));
    const table = metricsTable(items, 'Metadata');
    expect(table.columnDefinitions.map((c) => [c.name, c.format])).toEqual([['Name', 'name'], ['cpu', 'quantity'], ['memory', 'quantity'], ['Window', 'duration']]);
    expect(table.rows.map((r) => r.cells)).toEqual([['web', '1234567n', '3076Ki', '15s'], ['two', '20m', '15Mi', '12.5s']]);
    expect(table.rows[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: items[0].metadata });
  });

  it('has no columns for no items', () => {
    expect(metricsTable([], 'Metadata')).toMatchObject({ columnDefinitions: [], rows: [] });
  });
});
