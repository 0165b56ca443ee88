import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { podContext } from '../filters/pod-context.js';
import { schedulePod } from '../schedule/schedule-pod.js';
import { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { makeNode, makePod, seededRandom, type NodeSpec } from '../test-fixtures.js';
import { interPodAffinityScores } from './inter-pod-affinity-score.js';

function cluster(nodes: Record<string, NodeSpec>, pods: Pod[] = []): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  for (const [name, spec] of Object.entries(nodes)) snapshot.upsertNode(makeNode(name, spec));
  for (const pod of pods) snapshot.upsertPod(pod);
  return snapshot;
}

const hosts = { 'node-1': {}, 'node-2': {}, 'node-3': {} };
const zones = { 'node-1': { labels: { zone: 'z1' } }, 'node-2': { labels: { zone: 'z1' } }, 'node-3': { labels: { zone: 'z2' } } };
const term = (labels: Record<string, string>, topologyKey = 'kubernetes.io/hostname') => ({ labelSelector: { matchLabels: labels }, topologyKey });
const weighted = (weight: number, labels: Record<string, string>, topologyKey?: string) => ({ weight, podAffinityTerm: term(labels, topologyKey) });
const affinity = (podAffinity: unknown[] = [], podAntiAffinity: unknown[] = []) => ({
  affinity: {
    ...(podAffinity.length ? { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: podAffinity } } : {}),
    ...(podAntiAffinity.length ? { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: podAntiAffinity } } : {}),
  },
});
const at = (name: string, node: string, labels: Record<string, string>, spec?: Record<string, unknown>) => makePod(name, { nodeName: node, labels, spec });

describe('InterPodAffinity score', () => {
  it.each<[string, Record<string, NodeSpec>, Pod[], Pod, number[] | undefined]>([
    ['a preferred target\'s node scores 100', hosts, [at('cache', 'node-2', { app: 'cache' })],
      makePod('web', { spec: affinity([weighted(10, { app: 'cache' })]) }), [0, 100, 0]],
    ['a preferred anti-target\'s node scores 0, the others 100', hosts, [at('noisy', 'node-1', { app: 'noisy' })],
      makePod('web', { spec: affinity([], [weighted(10, { app: 'noisy' })]) }), [0, 100, 100]],
    ['weights add up per node and are scaled between the lowest and the highest', hosts,
      [at('cache', 'node-1', { app: 'cache' }), at('noisy', 'node-1', { app: 'noisy' }), at('noisy-2', 'node-2', { app: 'noisy' })],
      makePod('web', { spec: affinity([weighted(20, { app: 'cache' })], [weighted(10, { app: 'noisy' })]) }), [100, 0, 50]],
    ['a preferred term by zone lifts every node of the zone', zones, [at('cache', 'node-1', { app: 'cache' })],
      makePod('web', { spec: affinity([weighted(10, { app: 'cache' }, 'zone')]) }), [100, 100, 0]],
    ['an existing pod\'s required affinity toward the pod counts hardPodAffinityWeight', hosts,
      [at('fan', 'node-3', { app: 'fan' }, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } } })],
      makePod('web', { labels: { app: 'web' } }), [0, 0, 100]],
    ['an existing pod\'s preferred anti-affinity toward the pod pushes it away', hosts,
      [at('shy', 'node-1', { app: 'shy' }, affinity([], [weighted(5, { app: 'web' })]))],
      makePod('web', { labels: { app: 'web' } }), [0, 100, 100]],
    ['an existing pod\'s terms that do not select the pod say nothing', hosts,
      [at('shy', 'node-1', { app: 'shy' }, affinity([], [weighted(5, { app: 'db' })]))],
      makePod('web', { labels: { app: 'web' } }), undefined],
    ['a preferred target found nowhere scores every node alike', hosts, [],
      makePod('web', { spec: affinity([weighted(10, { app: 'cache' })]) }), undefined],
  ])('%s', (_name, nodes, pods, incoming, expected) => {
    const snapshot = cluster(nodes, pods);
    expect(interPodAffinityScores(snapshot, podContext(snapshot, incoming), snapshot.nodes())).toEqual(expected);
  });

  it('prefers the node of a preferred target and avoids the nodes of a preferred anti-target', () => {
    const place = (snapshot: ClusterSnapshot, pod: Pod) => {
      const decision = schedulePod(snapshot, pod, { random: seededRandom(3) });
      return decision.type === 'Bind' ? decision.nodeName : decision.message;
    };
    expect(place(cluster(hosts, [at('cache', 'node-3', { app: 'cache' })]), makePod('web', { spec: affinity([weighted(100, { app: 'cache' })]) }))).toBe('node-3');
    const noisy = [at('noisy', 'node-1', { app: 'noisy' }), at('noisy-2', 'node-2', { app: 'noisy' })];
    expect(place(cluster(hosts, noisy), makePod('quiet', { spec: affinity([], [weighted(100, { app: 'noisy' })]) }))).toBe('node-3');
  });

  it('shows its score in the decision the Scheduled event carries', () => {
    const snapshot = cluster(hosts, [at('cache', 'node-2', { app: 'cache' })]);
    const decision = schedulePod(snapshot, makePod('web', { spec: affinity([weighted(50, { app: 'cache' })]) }), { random: seededRandom(1) });
    expect(decision.type).toBe('Bind');
    expect(decision.explanation.topScores[0]).toMatchObject({ node: 'node-2', scores: { InterPodAffinity: 100 } });
    expect(decision.explanation.topScores[1].scores.InterPodAffinity).toBe(0);
  });
});
