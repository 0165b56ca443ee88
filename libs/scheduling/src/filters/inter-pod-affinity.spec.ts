import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { findPreemption, preemptionMessage } from '../preemption/find-preemption.js';
import { schedulePod } from '../schedule/schedule-pod.js';
import { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { makeNode, makePod, seededRandom, type NodeSpec } from '../test-fixtures.js';
import { interPodAffinity } from './inter-pod-affinity.js';
import { podContext } from './pod-context.js';

function cluster(nodes: Record<string, NodeSpec>, pods: Pod[] = []): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  for (const [name, spec] of Object.entries(nodes)) snapshot.upsertNode(makeNode(name, spec));
  for (const pod of pods) snapshot.upsertPod(pod);
  return snapshot;
}

const threeNodes = (pods: Pod[] = []) => cluster({ 'node-1': {}, 'node-2': {}, 'node-3': {} }, pods);
const term = (labels: Record<string, string>, topologyKey = 'kubernetes.io/hostname', extra: Record<string, unknown> = {}) =>
  ({ labelSelector: { matchLabels: labels }, topologyKey, ...extra });
const required = (kind: 'podAffinity' | 'podAntiAffinity', ...terms: unknown[]) => ({ affinity: { [kind]: { requiredDuringSchedulingIgnoredDuringExecution: terms } } });

function place(snapshot: ClusterSnapshot, pod: Pod): string {
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

  it.each<[string, Pod[], Pod, string[] | string]>([
    ['evicts the lower-priority pod whose own anti-affinity forbids the incoming pod',
      [makePod('loner', { nodeName: 'node-2', labels: { app: 'loner' }, priority: 10, spec: required('podAntiAffinity', term({ app: 'web' })) })],
      makePod('web', { priority: 1000, labels: { app: 'web' }, cpu: '3' }), ['loner']],
    ['keeps a higher-priority pod whose anti-affinity forbids the incoming pod',
      [makePod('loner', { nodeName: 'node-2', labels: { app: 'loner' }, priority: 2000, spec: required('podAntiAffinity', term({ app: 'web' })) })],
      makePod('web', { priority: 1000, labels: { app: 'web' }, cpu: '3' }), 'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..'],
    ['does not preempt for required affinity: evicting cannot bring the pods it wants',
      [makePod('db', { nodeName: 'node-1', labels: { app: 'db' }, priority: 10 })],
      makePod('web', { priority: 1000, spec: required('podAffinity', term({ app: 'cache' })) }), 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..'],
  ])('preemption %s', (_name, pods, incoming, expected) => {
    const full = (node: string) => makePod(`full-${node}`, { nodeName: node, cpu: '2', priority: 5000 });
    const outcome = findPreemption(threeNodes([...['node-1', 'node-3'].map(full), ...pods]), incoming);
    expect('victims' in outcome ? outcome.victims.map((v) => v.metadata.name) : outcome.none).toEqual(expected);
  });
});

describe('InterPodAffinity filter, node by node', () => {
  const zones = { 'node-1': { labels: { zone: 'z1' } }, 'node-2': { labels: { zone: 'z1' } }, 'node-3': { labels: { zone: 'z2' } }, 'node-4': {} };
  const verdicts = (pods: Pod[], incoming: Pod) => {
    const snapshot = cluster(zones, pods);
    const ctx = podContext(snapshot, incoming);
    return Object.fromEntries(snapshot.nodes().map((node) => {
      const rejection = interPodAffinity(ctx, node);
      return [node.name, rejection ? `${rejection.resolvable ? 'Unschedulable' : 'UnschedulableAndUnresolvable'}: ${rejection.reasons.join()}` : 'fits'];
    }));
  };
  const affinity = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";
  const anti = "Unschedulable: node(s) didn't match pod anti-affinity rules";
  const existing = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";
  const db = (node: string, labels: Record<string, string> = {}, namespace = 'default') => makePod(`db-${node}`, { nodeName: node, namespace, labels: { app: 'db', ...labels } });

  it.each<[string, Pod[], Pod, Record<string, string>]>([
    ['anti-affinity by zone keeps the pod out of the whole zone; a node without the key is no part of it',
      [db('node-1')], makePod('web', { spec: required('podAntiAffinity', term({ app: 'db' }, 'zone')) }),
      { 'node-1': anti, 'node-2': anti, 'node-3': 'fits', 'node-4': 'fits' }],
    ['affinity by zone wants the zone of its target, and a node without the key never satisfies it',
      [db('node-1')], makePod('web', { spec: required('podAffinity', term({ app: 'db' }, 'zone')) }),
      { 'node-1': 'fits', 'node-2': 'fits', 'node-3': affinity, 'node-4': affinity }],
    ['an existing pod\'s anti-affinity holds its zone against the pods it selects',
      [makePod('loner', { nodeName: 'node-2', spec: required('podAntiAffinity', term({ app: 'web' }, 'zone')) })], makePod('web', { labels: { app: 'web' } }),
      { 'node-1': existing, 'node-2': existing, 'node-3': 'fits', 'node-4': 'fits' }],
    ['an existing pod\'s anti-affinity looks only in its own namespace',
      [makePod('loner', { nodeName: 'node-2', namespace: 'shop', spec: required('podAntiAffinity', term({ app: 'web' }, 'zone')) })], makePod('web', { labels: { app: 'web' } }),
      { 'node-1': 'fits', 'node-2': 'fits', 'node-3': 'fits', 'node-4': 'fits' }],
    ['a namespaceSelector on kubernetes.io/metadata.name reaches into that namespace',
      [db('node-1'), db('node-3', {}, 'shop')], makePod('web', { spec: required('podAffinity', term({ app: 'db' }, 'kubernetes.io/hostname', { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } })) }),
      { 'node-1': affinity, 'node-2': affinity, 'node-3': 'fits', 'node-4': affinity }],
    ['matchLabelKeys narrows the selector to pods sharing the incoming pod\'s value',
      [db('node-1', { tier: 'silver' }), db('node-3', { tier: 'gold' })], makePod('web', { labels: { tier: 'gold' }, spec: required('podAffinity', term({ app: 'db' }, 'kubernetes.io/hostname', { matchLabelKeys: ['tier'] })) }),
      { 'node-1': affinity, 'node-2': affinity, 'node-3': 'fits', 'node-4': affinity }],
    ['mismatchLabelKeys avoids only pods of another tenant',
      [db('node-1', { tenant: 'b' }), db('node-3', { tenant: 'a' })], makePod('web', { labels: { tenant: 'a' }, spec: required('podAntiAffinity', term({ app: 'db' }, 'kubernetes.io/hostname', { mismatchLabelKeys: ['tenant'] })) }),
      { 'node-1': anti, 'node-2': 'fits', 'node-3': 'fits', 'node-4': 'fits' }],
    ['the first pod of a self-affine group goes to any node carrying the key',
      [], makePod('web-0', { labels: { app: 'web' }, spec: required('podAffinity', term({ app: 'web' }, 'zone')) }),
      { 'node-1': 'fits', 'node-2': 'fits', 'node-3': 'fits', 'node-4': affinity }],
    ['a pod whose affinity selects no pod and not itself fits nowhere',
      [], makePod('web-0', { labels: { app: 'web' }, spec: required('podAffinity', term({ app: 'db' }, 'zone')) }),
      { 'node-1': affinity, 'node-2': affinity, 'node-3': affinity, 'node-4': affinity }],
    ['a term without a labelSelector selects nothing',
      [db('node-1')], makePod('web', { spec: required('podAntiAffinity', { topologyKey: 'zone' }) }),
      { 'node-1': 'fits', 'node-2': 'fits', 'node-3': 'fits', 'node-4': 'fits' }],
  ])('%s', (_name, pods, incoming, expected) => {
    expect(verdicts(pods, incoming)).toEqual(expected);
  });
});
