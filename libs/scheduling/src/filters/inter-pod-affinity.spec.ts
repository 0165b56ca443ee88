import type { KubeObject } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { findPreemption, preemptionMessage } from '../preemption/find-preemption.js';
import { schedulePod } from '../schedule/schedule-pod.js';
import { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { makeNode, makePod, seededRandom, type NodeSpec } from '../test-fixtures.js';

function cluster(nodes: Record<string, NodeSpec>, pods: KubeObject[] = []): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  for (const [name, spec] of Object.entries(nodes)) snapshot.upsertNode(makeNode(name, spec));
  for (const pod of pods) snapshot.upsertPod(pod);
  return snapshot;
}

const threeNodes = (pods: KubeObject[] = []) => cluster({ 'node-1': {}, 'node-2': {}, 'node-3': {} }, pods);
const term = (labels: Record<string, string>, topologyKey = 'kubernetes.io/hostname', extra: Record<string, unknown> = {}) =>
  ({ labelSelector: { matchLabels: labels }, topologyKey, ...extra });
const required = (kind: 'podAffinity' | 'podAntiAffinity', ...terms: unknown[]) => ({ affinity: { [kind]: { requiredDuringSchedulingIgnoredDuringExecution: terms } } });

function place(snapshot: ClusterSnapshot, pod: KubeObject): string {
  const decision = schedulePod(snapshot, pod, { random: seededRandom(3) });
  if (decision.type !== 'Bind') return `Unschedulable: ${decision.message}`;
  snapshot.assume(pod, decision.nodeName);
  return decision.nodeName;
}

describe('InterPodAffinity filter', () => {
  it('spreads pods with required anti-affinity on hostname one per node, and says why the fourth cannot go anywhere', () => {
    const snapshot = threeNodes();
    const web = (i: number) => makePod(`web-${i}`, { labels: { app: 'web' }, spec: required('podAntiAffinity', term({ app: 'web' })) });
    const placed = [0, 1, 2].map((i) => place(snapshot, web(i)));
    expect(new Set(placed)).toEqual(new Set(['node-1', 'node-2', 'node-3']));
    expect(place(snapshot, web(3))).toBe("Unschedulable: 0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
  });

  it('keeps a pod off nodes whose pods forbid it (existing pods\' anti-affinity), whatever the pod itself says', () => {
    const loner = makePod('loner', { nodeName: 'node-1', labels: { app: 'loner' }, spec: required('podAntiAffinity', term({ app: 'web' })) });
    const snapshot = threeNodes([loner]);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 6; i++) {
      const node = place(snapshot, makePod(`web-${i}`, { labels: { app: 'web' } }));
      counts[node] = (counts[node] ?? 0) + 1;
    }
    expect(counts['node-1']).toBeUndefined();
    const alone = cluster({ 'node-1': {} }, [loner]);
    expect(place(alone, makePod('web-x', { labels: { app: 'web' } }))).toBe("Unschedulable: 0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules.");
  });

  it('places a pod with required affinity next to its target, in the target\'s topology domain', () => {
    const cache = makePod('cache', { nodeName: 'node-2', labels: { app: 'cache' } });
    const snapshot = threeNodes([cache]);
    for (let i = 0; i < 3; i++) expect(place(snapshot, makePod(`web-${i}`, { labels: { app: 'web' }, spec: required('podAffinity', term({ app: 'cache' })) }))).toBe('node-2');
    const zoned = cluster({ a: { labels: { zone: 'z1' } }, b: { labels: { zone: 'z1' } }, c: { labels: { zone: 'z2' } } }, [makePod('cache', { nodeName: 'a', labels: { app: 'cache' } })]);
    const nodes = new Set(Array.from({ length: 6 }, (_, i) => place(zoned, makePod(`w-${i}`, { spec: required('podAffinity', term({ app: 'cache' }, 'zone')) }))));
    expect(nodes.has('c')).toBe(false);
  });

  it('refuses affinity to pods that do not exist, unless the pod is the first of its own group', () => {
    const lonely = makePod('web', { labels: { app: 'web' }, spec: required('podAffinity', term({ app: 'cache' })) });
    expect(place(threeNodes(), lonely)).toBe("Unschedulable: 0/3 nodes are available: 3 node(s) didn't match pod affinity rules.");
    const first = makePod('web-0', { labels: { app: 'web' }, spec: required('podAffinity', term({ app: 'web' })) });
    const snapshot = threeNodes();
    const node = place(snapshot, first);
    expect(node).toMatch(/^node-/);
    expect(place(snapshot, makePod('web-1', { labels: { app: 'web' }, spec: required('podAffinity', term({ app: 'web' })) }))).toBe(node);
  });

  it('looks only in the pod\'s namespace unless told otherwise, and everywhere for an empty namespaceSelector', () => {
    const other = makePod('cache', { nodeName: 'node-3', namespace: 'shop', labels: { app: 'cache' } });
    expect(place(threeNodes([other]), makePod('web', { spec: required('podAffinity', term({ app: 'cache' })) }))).toMatch(/^Unschedulable/);
    expect(place(threeNodes([other]), makePod('web', { spec: required('podAffinity', term({ app: 'cache' }, 'kubernetes.io/hostname', { namespaces: ['shop'] })) }))).toBe('node-3');
    expect(place(threeNodes([other]), makePod('web', { spec: required('podAffinity', term({ app: 'cache' }, 'kubernetes.io/hostname', { namespaceSelector: {} })) }))).toBe('node-3');
  });

  it('lets preemption evict a lower-priority pod that blocks by anti-affinity, and only that', () => {
    const low = (node: string) => makePod(`low-${node}`, { nodeName: node, labels: { app: 'web' }, priority: 10 });
    const snapshot = threeNodes(['node-1', 'node-2', 'node-3'].map(low));
    const important = makePod('important', { priority: 1000, labels: { app: 'web' }, spec: required('podAntiAffinity', term({ app: 'web' })) });
    const decision = schedulePod(snapshot, important, { random: seededRandom(1) });
    expect(decision).toMatchObject({ type: 'Unschedulable', message: "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules." });
    const outcome = findPreemption(snapshot, important);
    expect('victims' in outcome && outcome.victims.map((v) => v.metadata.name)).toEqual(['low-node-1']);
    const sameRank = makePod('peer', { priority: 10, labels: { app: 'web' }, spec: required('podAntiAffinity', term({ app: 'web' })) });
    expect(preemptionMessage('fit.', findPreemption(snapshot, sameRank))).toBe('fit. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..');
  });
});

describe('InterPodAffinity score', () => {
  const preferred = (kind: 'podAffinity' | 'podAntiAffinity', weight: number, labels: Record<string, string>) =>
    ({ affinity: { [kind]: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight, podAffinityTerm: term(labels) }] } } });

  it('prefers the node of a preferred target and avoids the node of a preferred anti-target', () => {
    const snapshot = threeNodes([makePod('cache', { nodeName: 'node-3', labels: { app: 'cache' } })]);
    expect(place(snapshot, makePod('web', { spec: preferred('podAffinity', 100, { app: 'cache' }) }))).toBe('node-3');
    const avoid = threeNodes([makePod('noisy', { nodeName: 'node-1', labels: { app: 'noisy' } }), makePod('noisy-2', { nodeName: 'node-2', labels: { app: 'noisy' } })]);
    expect(place(avoid, makePod('quiet', { spec: preferred('podAntiAffinity', 100, { app: 'noisy' }) }))).toBe('node-3');
  });

  it('shows its score in the decision, with InterPodAffinity weight 2', () => {
    const snapshot = threeNodes([makePod('cache', { nodeName: 'node-2', labels: { app: 'cache' } })]);
    const decision = schedulePod(snapshot, makePod('web', { spec: preferred('podAffinity', 50, { app: 'cache' }) }), { random: seededRandom(1) });
    expect(decision.type).toBe('Bind');
    const top = decision.explanation.topScores[0];
    expect(top).toMatchObject({ node: 'node-2' });
    expect(JSON.stringify(top)).toContain('InterPodAffinity');
  });
});
