import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { schedulePod } from '../schedule/schedule-pod.js';
import { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { makeNode, makePod, seededRandom, type NodeSpec } from '../test-fixtures.js';
import { findPreemption, preemptionMessage, type PreemptionOutcome } from './find-preemption.js';

function cluster(nodes: Record<string, NodeSpec>, pods: Pod[]): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  for (const [name, spec] of Object.entries(nodes)) snapshot.upsertNode(makeNode(name, spec));
  for (const pod of pods) snapshot.upsertPod(pod);
  return snapshot;
}

const victimsOf = (outcome: PreemptionOutcome) => ('victims' in outcome ? { node: outcome.nodeName, victims: outcome.victims.map((v) => v.metadata.name) } : outcome);
const fillers = (priority: number) =>
  ['node-1', 'node-2', 'node-3'].map((node, i) => makePod(`filler-${i + 1}`, { nodeName: node, cpu: '3', priority, created: `2025-01-01T00:00:0${i}Z` }));

describe('findPreemption', () => {
  it('lets a high-priority pod preempt one low-priority pod on a full cluster', () => {
    const snapshot = cluster({ 'node-1': {}, 'node-2': {}, 'node-3': {} }, fillers(10));
    const important = makePod('important', { cpu: '3', priority: 1000 });
    const decision = schedulePod(snapshot, important, { random: seededRandom(1) });
    expect(decision).toMatchObject({ type: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' });
    const outcome = findPreemption(snapshot, important);
    expect(victimsOf(outcome)).toEqual({ node: 'node-1', victims: ['filler-1'] });
    expect(preemptionMessage('fit', outcome)).toBe('fit');
  });

  it('chooses the node whose most important victim is least important, then the fewest victims', () => {
    const snapshot = cluster({ a: { cpu: '2' }, b: { cpu: '2' }, c: { cpu: '2' } }, [
      makePod('a-mid', { nodeName: 'a', cpu: '2', priority: 50 }),
      makePod('b-low-1', { nodeName: 'b', cpu: '1', priority: 10 }),
      makePod('b-low-2', { nodeName: 'b', cpu: '1', priority: 10 }),
      makePod('c-low', { nodeName: 'c', cpu: '1500m', priority: 10 }),
      makePod('c-high', { nodeName: 'c', cpu: '500m', priority: 500 }),
    ]);
    expect(victimsOf(findPreemption(snapshot, makePod('p', { cpu: '1500m', priority: 100 })))).toEqual({ node: 'c', victims: ['c-low'] });
    expect(victimsOf(findPreemption(snapshot, makePod('q', { cpu: '2', priority: 100 })))).toEqual({ node: 'b', victims: ['b-low-1', 'b-low-2'] });
  });

  it('keeps the victims to the minimum, reprieving the most important ones first', () => {
    const snapshot = cluster({ a: { cpu: '4' } }, [
      makePod('keep', { nodeName: 'a', cpu: '1', priority: 30 }),
      makePod('evict-1', { nodeName: 'a', cpu: '1', priority: 20 }),
      makePod('evict-2', { nodeName: 'a', cpu: '1', priority: 10 }),
      makePod('also-keep', { nodeName: 'a', cpu: '1', priority: 200 }),
    ]);
    expect(victimsOf(findPreemption(snapshot, makePod('p', { cpu: '2', priority: 100 })))).toEqual({ node: 'a', victims: ['evict-1', 'evict-2'] });
  });

  it.each<[string, Record<string, NodeSpec>, Pod[], Pod, string]>([
    [
      'equal priorities: no victims anywhere',
      { 'node-1': {}, 'node-2': {}, 'node-3': {} },
      fillers(0),
      makePod('p', { cpu: '3' }),
      'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    ],
    [
      'unresolvable nodes are not worth preempting',
      { a: { taints: [{ key: 'x', effect: 'NoSchedule' }] }, b: { unschedulable: true }, c: {} },
      [makePod('low', { nodeName: 'c', cpu: '4', priority: 0 })],
      makePod('p', { cpu: '8', priority: 10 }),
      'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 Preemption is not helpful for scheduling..',
    ],
    [
      'preemptionPolicy Never',
      { a: {} },
      fillers(0).slice(0, 1),
      makePod('p', { cpu: '3', priority: 10, spec: { preemptionPolicy: 'Never' } }),
      'preemption: not eligible due to preemptionPolicy=Never..',
    ],
  ])('%s', (_label, nodes, pods, pod, expected) => {
    expect(findPreemption(cluster(nodes, pods), pod)).toEqual({ none: expected });
  });

  it('waits instead of preempting again while a lower-priority pod on the nominated node terminates', () => {
    const victim = makePod('filler-1', { nodeName: 'node-1', cpu: '3', priority: 10 });
    victim.metadata.deletionTimestamp = '2025-01-01T00:01:00Z';
    const snapshot = cluster({ 'node-1': {} }, [victim]);
    const pod = makePod('important', { cpu: '3', priority: 1000 });
    pod.status!.nominatedNodeName = 'node-1';
    expect(findPreemption(snapshot, pod)).toEqual({ none: 'preemption: not eligible due to a terminating pod on the nominated node..' });
    pod.status!.nominatedNodeName = undefined;
    expect(victimsOf(findPreemption(snapshot, pod))).toEqual({ node: 'node-1', victims: ['filler-1'] });
  });

  it('preempts to free a host port', () => {
    const port = { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 80 }] }] };
    const snapshot = cluster({ a: {} }, [makePod('low', { nodeName: 'a', priority: 1, spec: port })]);
    expect(victimsOf(findPreemption(snapshot, makePod('p', { priority: 2, spec: port })))).toEqual({ node: 'a', victims: ['low'] });
  });
});
