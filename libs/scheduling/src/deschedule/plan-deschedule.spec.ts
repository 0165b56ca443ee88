import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { makeNode, makePod, type NodeSpec } from '../test-fixtures.js';
import { planDeschedule } from './plan-deschedule.js';

function cluster(nodes: Record<string, NodeSpec>, pods: Pod[]): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  for (const [name, spec] of Object.entries(nodes)) snapshot.upsertNode(makeNode(name, spec));
  for (const pod of pods) snapshot.upsertPod(pod);
  return snapshot;
}

const owner = (name: string, kind = 'ReplicaSet') => ({ kind, name, uid: `uid-${name}` });
const replica = (name: string, rs: string, node: string, created: string, extra: Parameters<typeof makePod>[1] = {}) =>
  makePod(name, { nodeName: node, owner: owner(rs), labels: { app: rs }, created, ...extra });
const evicted = (snapshot: ClusterSnapshot, strategies: ('RemoveDuplicates' | 'LowNodeUtilization')[], options = {}) =>
  planDeschedule(snapshot, { strategies, ...options }).evictions.map((e) => `${e.pod.metadata.name}@${e.node}`);

describe('planDeschedule: RemoveDuplicates', () => {
  const pileUp = () => [
    replica('a-7c9-aaaaa', 'a-7c9', 'node-1', '2025-01-01T00:00:00Z'),
    replica('a-7c9-bbbbb', 'a-7c9', 'node-1', '2025-01-01T00:05:00Z'),
    replica('b-5d4-ccccc', 'b-5d4', 'node-1', '2025-01-01T00:00:00Z'),
    replica('b-5d4-ddddd', 'b-5d4', 'node-1', '2025-01-01T00:05:00Z'),
  ];

  it('evicts one A and one B after a node came back empty (seed 002)', () => {
    const snapshot = cluster({ 'node-1': {}, 'node-2': {} }, pileUp());
    const plan = planDeschedule(snapshot, { strategies: ['RemoveDuplicates'] });
    expect(plan.evictions.map((e) => [e.pod.metadata.name, e.node, e.strategy])).toEqual([
      ['a-7c9-bbbbb', 'node-1', 'RemoveDuplicates'],
      ['b-5d4-ddddd', 'node-1', 'RemoveDuplicates'],
    ]);
    expect(plan.evictions[0].reason).toBe('2 pods of ReplicaSet default/a-7c9 on node-1 (at most 1 per node across 2 feasible nodes); keeping a-7c9-aaaaa');
    expect(plan.summary).toEqual(['RemoveDuplicates: 2 duplicate pod(s) to evict']);
  });

  it.each<[string, Record<string, NodeSpec>]>([
    ['the other node is cordoned', { 'node-1': {}, 'node-2': { unschedulable: true } }],
    ['the other node is not ready', { 'node-1': {}, 'node-2': { ready: 'False' } }],
    ['the other node has an untolerated taint', { 'node-1': {}, 'node-2': { taints: [{ key: 'x', effect: 'NoSchedule' }] } }],
    ['there is no other node', { 'node-1': {} }],
  ])('evicts nothing when %s', (_label, nodes) => {
    expect(evicted(cluster(nodes, pileUp()), ['RemoveDuplicates'])).toEqual([]);
  });

  it('keeps the upper average per node: 5 replicas on 2 nodes leave 3 on the crowded one', () => {
    const pods = ['1', '2', '3', '4', '5'].map((i) => replica(`w-${i}`, 'w', 'node-1', `2025-01-01T00:00:0${i}Z`));
    expect(evicted(cluster({ 'node-1': {}, 'node-2': {} }, pods), ['RemoveDuplicates'])).toEqual(['w-4@node-1', 'w-5@node-1']);
  });

  it.each([
    ['mirror pods', { spec: {} }, (p: Pod) => (p.metadata.annotations = { 'kubernetes.io/config.mirror': 'x' })],
    ['DaemonSet pods', { owner: owner('ds', 'DaemonSet') }, () => undefined],
    ['system-critical pods', { priority: 2_000_000_000 }, () => undefined],
    ['pods with local storage', { spec: { volumes: [{ name: 'scratch', emptyDir: {} }] } }, () => undefined],
  ])('never evicts %s', (_label, extra, mutate) => {
    const pods = [replica('x-1', 'x', 'node-1', '2025-01-01T00:00:00Z', extra), replica('x-2', 'x', 'node-1', '2025-01-01T00:00:01Z', extra)];
    pods.forEach(mutate);
    expect(evicted(cluster({ 'node-1': {}, 'node-2': {} }, pods), ['RemoveDuplicates'])).toEqual([]);
  });

  it('never evicts pods without a controller owner', () => {
    const pods = [makePod('bare-1', { nodeName: 'node-1' }), makePod('bare-2', { nodeName: 'node-1' })];
    expect(evicted(cluster({ 'node-1': {}, 'node-2': {} }, pods), ['RemoveDuplicates'])).toEqual([]);
  });

  it('does not treat pods with different images as duplicates', () => {
    const pods = [replica('v-1', 'v', 'node-1', '2025-01-01T00:00:00Z', { image: 'app:1' }), replica('v-2', 'v', 'node-1', '2025-01-01T00:00:01Z', { image: 'app:2' })];
    expect(evicted(cluster({ 'node-1': {}, 'node-2': {} }, pods), ['RemoveDuplicates'])).toEqual([]);
  });
});

describe('planDeschedule: LowNodeUtilization', () => {
  const busy = () =>
    [0, 1, 2, 3].map((i) => replica(`busy-${i}`, `job-${i}`, 'node-1', '2025-01-01T00:00:00Z', { cpu: '1', memory: '1Gi', priority: i === 0 ? 100 : 0 }));

  it('moves the least important pods off an overutilized node while an underutilized one has room', () => {
    const snapshot = cluster({ 'node-1': {}, 'node-2': {} }, busy());
    const plan = planDeschedule(snapshot, { strategies: ['LowNodeUtilization'] });
    expect(plan.evictions.map((e) => `${e.pod.metadata.name}@${e.node}`)).toEqual(['busy-1@node-1', 'busy-2@node-1']);
    expect(plan.evictions[0].reason).toBe('node-1 (cpu 100%, memory 50%, pods 4%) is above the target utilization while node-2 is underutilized');
    expect(plan.summary[0]).toBe('LowNodeUtilization: underutilized node-2 (cpu 0%, memory 0%, pods 0%); overutilized node-1; 2 pod(s) to evict');
  });

  it.each([
    ['no node is underutilized', { 'node-1': {}, 'node-2': { cpu: '1' } }, 'LowNodeUtilization: no node is underutilized'],
    ['all nodes are underutilized', { 'node-1': { cpu: '100', memory: '100Gi' }, 'node-2': { cpu: '100', memory: '100Gi' } }, 'LowNodeUtilization: all nodes are underutilized'],
  ])('does nothing when %s', (_label, nodes, summary) => {
    const pods = [...busy(), replica('n2', 'other', 'node-2', '2025-01-01T00:00:00Z', { cpu: '1' })];
    const plan = planDeschedule(cluster(nodes, pods), { strategies: ['LowNodeUtilization'] });
    expect(plan).toEqual({ evictions: [], summary: [summary] });
  });

  it('uses the given thresholds', () => {
    const plan = planDeschedule(cluster({ 'node-1': {}, 'node-2': {} }, busy()), {
      strategies: ['LowNodeUtilization'],
      targetThresholds: { cpu: 90, memory: 90, pods: 90 },
    });
    expect(plan.evictions.map((e) => e.pod.metadata.name)).toEqual(['busy-1']);
  });

  it('evicts a pod once even when both strategies want it', () => {
    const pods = [0, 1, 2, 3].map((i) => replica(`dup-${i}`, 'dup', 'node-1', `2025-01-01T00:00:0${i}Z`, { cpu: '1', memory: '1Gi' }));
    expect(evicted(cluster({ 'node-1': {}, 'node-2': {} }, pods), ['RemoveDuplicates', 'LowNodeUtilization'])).toEqual(['dup-2@node-1', 'dup-3@node-1']);
  });
});
