import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../test-fixtures.js';
import { ClusterSnapshot } from './cluster-snapshot.js';

const summary = (snapshot: ClusterSnapshot, node: string) => {
  const info = snapshot.nodeInfo(node)!;
  return { pods: [...info.pods.keys()].sort(), cpu: info.requested.milliCpu, memory: info.requested.memory, owners: Object.fromEntries(info.ownerCounts) };
};
const rs = { kind: 'ReplicaSet', name: 'web', uid: 'rs-1' };

describe('ClusterSnapshot', () => {
  it('accounts pods per node and moves them when their node changes', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(makeNode('a'));
    snapshot.upsertNode(makeNode('b'));
    snapshot.upsertPod(makePod('p', { nodeName: 'a', cpu: '250m', memory: '1Mi', owner: rs }));
    snapshot.upsertPod(makePod('q', { nodeName: 'a', cpu: '1', owner: rs }));
    expect(summary(snapshot, 'a')).toEqual({ pods: ['uid-p', 'uid-q'], cpu: 1250, memory: 1048576, owners: { 'rs-1': 2 } });
    snapshot.upsertPod(makePod('q', { nodeName: 'b', cpu: '1', owner: rs }));
    expect(summary(snapshot, 'a')).toEqual({ pods: ['uid-p'], cpu: 250, memory: 1048576, owners: { 'rs-1': 1 } });
    expect(summary(snapshot, 'b')).toEqual({ pods: ['uid-q'], cpu: 1000, memory: 0, owners: { 'rs-1': 1 } });
    expect([...snapshot.ownerPodsPerNode('rs-1')].map(([info, count]) => [info.name, count])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it.each(['Succeeded', 'Failed'])('stops counting a pod whose phase becomes %s', (phase) => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(makeNode('a'));
    const pod = makePod('p', { nodeName: 'a', cpu: '1' });
    snapshot.upsertPod(pod);
    snapshot.upsertPod({ ...pod, status: { phase } });
    expect(summary(snapshot, 'a')).toEqual({ pods: [], cpu: 0, memory: 0, owners: {} });
  });

  it('replaces an assumed pod when the api-server confirms it, and can forget it', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(makeNode('a'));
    const pod = makePod('p', { cpu: '1' });
    snapshot.assume(pod, 'a');
    snapshot.upsertPod({ ...pod, spec: { ...pod.spec!, nodeName: 'a' } });
    expect(summary(snapshot, 'a').cpu).toBe(1000);
    snapshot.removePod(pod);
    expect(summary(snapshot, 'a').cpu).toBe(0);
  });

  it('keeps pods of a node that goes away and counts them again when it returns', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertPod(makePod('early', { nodeName: 'a', cpu: '1' }));
    snapshot.upsertNode(makeNode('a'));
    snapshot.upsertNode(makeNode('b'));
    expect(summary(snapshot, 'a').cpu).toBe(1000);
    snapshot.removeNode('a');
    expect(snapshot.nodes().map((n) => n.name)).toEqual(['b']);
    expect(snapshot.nodeInfo('a')).toBeUndefined();
    snapshot.upsertNode(makeNode('a'));
    expect(summary(snapshot, 'a').cpu).toBe(1000);
  });

  it('re-reads a node update but keeps its pods', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(makeNode('a', { cpu: '2' }));
    snapshot.upsertPod(makePod('p', { nodeName: 'a', cpu: '1' }));
    snapshot.upsertNode(makeNode('a', { cpu: '8', unschedulable: true }));
    const info = snapshot.nodeInfo('a')!;
    expect([info.allocatable.milliCpu, info.unschedulable, info.pods.size]).toEqual([8000, true, 1]);
  });

  it('keeps selector counts current and skips terminating pods', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(makeNode('a'));
    snapshot.upsertPod(makePod('p', { nodeName: 'a', labels: { app: 'x' } }));
    const counts = snapshot.matchingPodCounts('default', [{ key: 'app', operator: '=', values: ['x'] }]);
    expect(counts.get('a')).toBe(1);
    snapshot.upsertPod(makePod('q', { nodeName: 'a', labels: { app: 'x' } }));
    snapshot.upsertPod(makePod('other-ns', { nodeName: 'a', labels: { app: 'x' }, namespace: 'kube-system' }));
    expect(counts.get('a')).toBe(2);
    const terminating = makePod('q', { nodeName: 'a', labels: { app: 'x' } });
    terminating.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    snapshot.upsertPod(terminating);
    expect(counts.get('a')).toBe(1);
  });

  it('tracks owner pods per zone through label changes', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(makeNode('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }));
    snapshot.upsertPod(makePod('p', { nodeName: 'a', owner: rs }));
    expect(snapshot.ownerPodsInZone('z1', 'rs-1')).toBe(1);
    snapshot.upsertNode(makeNode('a', { labels: { 'topology.kubernetes.io/zone': 'z2' } }));
    expect([snapshot.ownerPodsInZone('z1', 'rs-1'), snapshot.ownerPodsInZone('z2', 'rs-1')]).toEqual([0, 1]);
    snapshot.removeNode('a');
    expect(snapshot.ownerPodsInZone('z2', 'rs-1')).toBe(0);
  });
});
