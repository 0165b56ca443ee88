import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { findPreemption, preemptionMessage } from '../preemption/find-preemption.js';
import { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { makeNode, makePod, seededRandom, type NodeSpec } from '../test-fixtures.js';
import { schedulePod } from './schedule-pod.js';

function cluster(nodes: Record<string, NodeSpec>, pods: Pod[] = []): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  for (const [name, spec] of Object.entries(nodes)) snapshot.upsertNode(makeNode(name, spec));
  for (const pod of pods) snapshot.upsertPod(pod);
  return snapshot;
}

const threeNodes = () => cluster({ 'node-1': {}, 'node-2': {}, 'node-3': {} });

/** Schedules the pods one after another, assuming each, and counts pods per node. */
function placeAll(snapshot: ClusterSnapshot, pods: Pod[], seed = 1): Record<string, number> {
  const random = seededRandom(seed);
  const counts: Record<string, number> = {};
  for (const pod of pods) {
    const decision = schedulePod(snapshot, pod, { random });
    if (decision.type !== 'Bind') throw new Error(`${pod.metadata.name}: ${decision.message}`);
    snapshot.assume(pod, decision.nodeName);
    counts[decision.nodeName] = (counts[decision.nodeName] ?? 0) + 1;
  }
  return counts;
}

function unschedulableMessage(snapshot: ClusterSnapshot, pod: Pod): string {
  const decision = schedulePod(snapshot, pod, { random: seededRandom(7) });
  if (decision.type !== 'Unschedulable') throw new Error(`expected Unschedulable, got ${decision.nodeName}`);
  return decision.message;
}

const replicaSet = { kind: 'ReplicaSet', name: 'web-7c9', uid: 'rs-1' };
const affinity = (matchExpressions: unknown[]) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } },
});

describe('schedulePod: spreading', () => {
  it.each([
    ['ReplicaSet replicas (default topology spreading)', (i: number) => makePod(`web-${i}`, { owner: replicaSet, labels: { app: 'web' } })],
    ['plain pods without requests (least allocated)', (i: number) => makePod(`plain-${i}`)],
    ['pods with equal requests', (i: number) => makePod(`sized-${i}`, { cpu: '500m', memory: '256Mi' })],
  ])('lands 6 %s on 3 equal empty nodes 2/2/2', (_label, build) => {
    for (const seed of [1, 2, 3, 42]) {
      const pods = Array.from({ length: 6 }, (_, i) => build(i));
      expect(placeAll(threeNodes(), pods, seed)).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
    }
  });

  it('never chooses a cordoned node', () => {
    const snapshot = cluster({ 'node-1': {}, 'node-2': { unschedulable: true }, 'node-3': {} });
    const counts = placeAll(snapshot, Array.from({ length: 12 }, (_, i) => makePod(`p-${i}`)));
    expect(counts).toEqual({ 'node-1': 6, 'node-3': 6 });
  });

  it('lets a pod tolerating the unschedulable taint onto a cordoned node', () => {
    const snapshot = cluster({ 'node-1': { unschedulable: true } });
    const pod = makePod('tolerant', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } });
    expect(schedulePod(snapshot, pod, { random: Math.random })).toMatchObject({ type: 'Bind', nodeName: 'node-1' });
  });

  it('explains a Bind with the chosen node first among the top scores', () => {
    const decision = schedulePod(cluster({ 'node-1': {}, 'node-2': {} }, [makePod('busy', { nodeName: 'node-1', cpu: '2' })]), makePod('p'), {
      random: seededRandom(1),
    });
    expect(decision.type).toBe('Bind');
    expect(decision.explanation).toMatchObject({ nodesEvaluated: 2, feasibleNodes: 2, filtered: {} });
    expect(decision.explanation.topScores.map((s) => s.node)).toEqual(['node-2', 'node-1']);
    expect(Object.keys(decision.explanation.topScores[0].scores)).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation']);
  });

  it('prefers nodes matching preferred node affinity terms', () => {
    const snapshot = cluster({ 'node-1': {}, 'node-2': { labels: { disktype: 'ssd' } }, 'node-3': {} });
    const pod = makePod('fast', {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } }],
          },
        },
      },
    });
    expect(schedulePod(snapshot, pod, { random: seededRandom(3) })).toMatchObject({ type: 'Bind', nodeName: 'node-2' });
  });

  it('avoids untolerated PreferNoSchedule taints when other nodes are as good', () => {
    const snapshot = cluster({ 'node-1': { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }, 'node-2': {} });
    expect(placeAll(snapshot, [makePod('a'), makePod('b')])).toEqual({ 'node-2': 2 });
  });

  it('goes straight to its nominated node when that node fits', () => {
    const pod = makePod('nominee');
    pod.status!.nominatedNodeName = 'node-3';
    expect(schedulePod(threeNodes(), pod, { random: seededRandom(1) })).toMatchObject({ type: 'Bind', nodeName: 'node-3', explanation: { nodesEvaluated: 1 } });
  });
});

describe('schedulePod: filters and FitError messages', () => {
  it('reports a too-big cpu request exactly as kube-scheduler, preemption part included', () => {
    const snapshot = threeNodes();
    const pod = makePod('huge', { cpu: '100' });
    const message = unschedulableMessage(snapshot, pod);
    expect(message).toBe('0/3 nodes are available: 3 Insufficient cpu.');
    expect(preemptionMessage(message, findPreemption(snapshot, pod))).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
  });

  it.each<[string, Record<string, NodeSpec>, Pod, string]>([
    [
      'counts reasons over nodes and sorts them as strings',
      { 'node-1': { unschedulable: true }, 'node-2': { cpu: '1' }, 'node-3': { cpu: '1' } },
      makePod('p', { cpu: '2' }),
      '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.',
    ],
    [
      'lists every shortage of one node',
      { 'node-1': { cpu: '1', memory: '1Gi', pods: '0' } },
      makePod('p', { cpu: '2', memory: '2Gi' }),
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 Too many pods.',
    ],
    [
      'names the first untolerated taint',
      { a: { taints: [{ key: 'dedicated', value: 'lab', effect: 'NoSchedule' }] }, b: { taints: [{ key: 'gpu', effect: 'NoExecute' }] } },
      makePod('p'),
      '0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: lab}, 1 node(s) had untolerated taint {gpu: }.',
    ],
    ['rejects a node that is not ready', { a: { ready: 'False' }, b: { ready: 'Unknown' } }, makePod('p'), '0/2 nodes are available: 2 node(s) were not ready.'],
    [
      'leaves a not-ready node with the not-ready taint to TaintToleration',
      { a: { ready: 'False', taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] } },
      makePod('p'),
      '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.',
    ],
    [
      'matches nodeSelector',
      { a: {}, b: { labels: { disktype: 'hdd' } } },
      makePod('p', { spec: { nodeSelector: { disktype: 'ssd' } } }),
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
    ],
    [
      'matches the requested node name',
      { a: {}, b: {} },
      makePod('p', { spec: { nodeName: 'c' } }),
      "0/2 nodes are available: 2 node(s) didn't match the requested node name.",
    ],
  ])('%s', (_label, nodes, pod, expected) => {
    expect(unschedulableMessage(cluster(nodes), pod)).toBe(expected);
  });

  it('refuses a second pod wanting a used host port on the only node', () => {
    const port = { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] };
    const snapshot = cluster({ a: {} }, [makePod('first', { nodeName: 'a', spec: port })]);
    expect(unschedulableMessage(snapshot, makePod('second', { spec: port }))).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.",
    );
    const otherPort = { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8081 }] }] };
    expect(schedulePod(snapshot, makePod('third', { spec: otherPort }), { random: Math.random }).type).toBe('Bind');
  });

  it('lists rejected nodes in the explanation', () => {
    const decision = schedulePod(cluster({ a: { unschedulable: true }, b: {} }), makePod('p'), { random: Math.random });
    expect(decision.explanation).toMatchObject({ nodesEvaluated: 2, feasibleNodes: 1, filtered: { a: ['node(s) were unschedulable'] } });
  });
});

describe('schedulePod: node affinity operators', () => {
  const nodes = {
    'n-ssd': { labels: { disktype: 'ssd', cores: '8' } },
    'n-hdd': { labels: { disktype: 'hdd', cores: '2' } },
    'n-bare': {},
  };
  it.each([
    ['In', [{ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }], ['n-ssd']],
    ['NotIn (absent key matches)', [{ key: 'disktype', operator: 'NotIn', values: ['ssd'] }], ['n-bare', 'n-hdd']],
    ['Exists', [{ key: 'disktype', operator: 'Exists' }], ['n-hdd', 'n-ssd']],
    ['DoesNotExist', [{ key: 'disktype', operator: 'DoesNotExist' }], ['n-bare']],
    ['Gt', [{ key: 'cores', operator: 'Gt', values: ['4'] }], ['n-ssd']],
    ['Lt', [{ key: 'cores', operator: 'Lt', values: ['4'] }], ['n-hdd']],
    ['ANDed expressions', [{ key: 'disktype', operator: 'Exists' }, { key: 'cores', operator: 'Lt', values: ['4'] }], ['n-hdd']],
  ])('%s', (_label, expressions, expected) => {
    const snapshot = cluster(nodes);
    const chosen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const decision = schedulePod(snapshot, makePod(`p-${i}`, { spec: affinity(expressions) }), { random: seededRandom(i) });
      if (decision.type === 'Bind') chosen.add(decision.nodeName);
    }
    expect([...chosen].sort()).toEqual(expected);
  });

  it('ORs node selector terms and matches metadata.name fields', () => {
    const pod = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n-bare'] }] }, { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['100'] }] }],
            },
          },
        },
      },
    });
    expect(schedulePod(cluster(nodes), pod, { random: Math.random })).toMatchObject({ type: 'Bind', nodeName: 'n-bare' });
  });
});

describe('schedulePod: topology spread constraints (DoNotSchedule)', () => {
  const spread = (name: string) =>
    makePod(name, {
      labels: { group: 'skew' },
      spec: {
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { group: 'skew' } } },
        ],
      },
    });

  it('places around a tainted node that still counts as a domain, then refuses to break maxSkew', () => {
    const snapshot = cluster({ 'node-1': {}, 'node-2': {}, 'node-3': { taints: [{ key: 'dedicated', value: 'lab', effect: 'NoSchedule' }] } });
    expect(placeAll(snapshot, [spread('skew-1'), spread('skew-2')])).toEqual({ 'node-1': 1, 'node-2': 1 });
    expect(unschedulableMessage(snapshot, spread('skew-3'))).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: lab}, 2 node(s) didn't match pod topology spread constraints.",
    );
  });

  it('spreads across zones and ignores nodes outside the pod node selector when counting domains', () => {
    const zone = (z: string, linux = true) => ({ labels: { 'topology.kubernetes.io/zone': z, ...(linux ? { 'kubernetes.io/os': 'linux' } : {}) } });
    const snapshot = cluster({ a1: zone('a'), a2: zone('a'), b1: zone('b'), c1: zone('c', false) });
    const zonal = (name: string) =>
      makePod(name, {
        labels: { app: 'z' },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'z' } } }],
        },
      });
    const counts = placeAll(snapshot, [zonal('z1'), zonal('z2'), zonal('z3'), zonal('z4')]);
    expect((counts.a1 ?? 0) + (counts.a2 ?? 0)).toBe(2);
    expect(counts.b1).toBe(2);
  });

  it('rejects nodes missing the topology key as unresolvable', () => {
    const snapshot = cluster({ a: {} });
    const pod = makePod('p', {
      labels: { app: 'z' },
      spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'z' } } }] },
    });
    expect(unschedulableMessage(snapshot, pod)).toBe("0/1 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label).");
  });

  it('honours minDomains: fewer domains than required makes the global minimum 0', () => {
    const snapshot = cluster({ a: {}, b: {} }, [makePod('x', { nodeName: 'a', labels: { app: 'm' } }), makePod('y', { nodeName: 'b', labels: { app: 'm' } })]);
    const pod = makePod('p', {
      labels: { app: 'm' },
      spec: {
        topologySpreadConstraints: [
          { maxSkew: 1, minDomains: 3, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'm' } } },
        ],
      },
    });
    expect(unschedulableMessage(snapshot, pod)).toBe("0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints.");
  });

  it('spreads ScheduleAnyway constraints by score', () => {
    const soft = (name: string) =>
      makePod(name, {
        labels: { app: 's' },
        spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 's' } } }] },
      });
    expect(placeAll(threeNodes(), Array.from({ length: 6 }, (_, i) => soft(`s-${i}`)))).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
  });
});

describe('schedulePod: percentageOfNodesToScore', () => {
  it('stops after enough feasible nodes and starts the next decision where the last one stopped', () => {
    const nodes = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`n-${i}`, {}]));
    const snapshot = cluster(nodes);
    const first = schedulePod(snapshot, makePod('a'), { random: seededRandom(1) });
    expect(first.explanation).toMatchObject({ nodesEvaluated: 420, feasibleNodes: 420 });
    expect(snapshot.nextStartNodeIndex).toBe(420);
    const second = schedulePod(snapshot, makePod('b'), { random: seededRandom(1), percentageOfNodesToScore: 10 });
    expect(second.explanation).toMatchObject({ nodesEvaluated: 100, feasibleNodes: 100 });
    expect(snapshot.nextStartNodeIndex).toBe(520);
  });

  it('decides from the incremental indexes without walking any node\'s pods', () => {
    const nodes = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`n-${i}`, {}]));
    const snapshot = cluster(nodes);
    const owner = { kind: 'ReplicaSet', name: 'web', uid: 'rs-web' };
    const spreadSpec = {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    };
    placeAll(snapshot, Array.from({ length: 400 }, (_, i) => makePod(`warm-${i}`, { owner, labels: { app: 'web' }, cpu: '10m', spec: spreadSpec })));
    for (const info of snapshot.nodes()) {
      info.pods.values = () => {
        throw new Error('a decision walked the pods of a node');
      };
    }
    const counts = placeAll(snapshot, Array.from({ length: 200 }, (_, i) => makePod(`web-${i}`, { owner, labels: { app: 'web' }, cpu: '10m', spec: spreadSpec })));
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
  });

  it('keeps the explanation small when many nodes are rejected', () => {
    const nodes = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`n-${i}`, { unschedulable: true }]));
    const decision = schedulePod(cluster(nodes), makePod('p'), { random: Math.random });
    expect(decision).toMatchObject({ type: 'Unschedulable', message: '0/150 nodes are available: 150 node(s) were unschedulable.' });
    expect(Object.keys(decision.explanation.filtered)).toHaveLength(20);
    expect(decision.explanation.filteredNotShown).toBe(130);
  });

  it('says no nodes are available on an empty cluster', () => {
    expect(schedulePod(new ClusterSnapshot(), makePod('p'), { random: Math.random })).toMatchObject({ type: 'Unschedulable', message: 'no nodes available to schedule pods' });
  });
});
