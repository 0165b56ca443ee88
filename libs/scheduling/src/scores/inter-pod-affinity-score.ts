/**
 * InterPodAffinity (score): each existing pod adds to its topology domains the
 * weights of the incoming pod's preferred terms it matches (anti-affinity
 * subtracts), and its own terms that select the incoming pod (its preferred weights,
 * and 1 for each required affinity term: hardPodAffinityWeight). A node scores the
 * sum over its labels; scores are scaled between the lowest and the highest to 0..100
 * (all 0 when every node scores the same).
 */
import type { PodContext } from '../filters/pod-context.js';
import { pairOf } from '../filters/inter-pod-affinity-state.js';
import { termMatches, termMatchesPod, type AffinityTerm } from '../pod/affinity-terms.js';
import type { BoundPod } from '../snapshot/bound-pod.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { MAX_NODE_SCORE } from './normalize.js';

const HARD_POD_AFFINITY_WEIGHT = 1;

/** 0..100 per node, or undefined (plugin skipped, as PreScore does) when no term puts weight on any domain. */
export function interPodAffinityScores(snapshot: ClusterSnapshot, ctx: PodContext, nodes: readonly NodeInfo[]): number[] | undefined {
  const own = ctx.entry.affinity;
  const preferred = [...(own?.preferredAffinity ?? []).map((t) => ({ term: t, weight: t.weight })), ...(own?.preferredAntiAffinity ?? []).map((t) => ({ term: t, weight: -t.weight }))];
  const all = snapshot.nodes();
  if (!preferred.length && !all.some((n) => n.podsWithAffinity.size > 0)) return undefined;
  const domains = new Map<string, number>();
  const add = (node: NodeInfo, term: AffinityTerm, weight: number) => {
    const value = node.labels[term.topologyKey];
    if (value !== undefined && weight !== 0) domains.set(pairOf(term.topologyKey, value), (domains.get(pairOf(term.topologyKey, value)) ?? 0) + weight);
  };
  const selectsIncoming = (t: AffinityTerm) => termMatches(t, ctx.entry.namespace, ctx.entry.labels);
  const countExisting = (node: NodeInfo, pod: BoundPod) => {
    for (const { term, weight } of preferred) if (termMatchesPod(term, pod)) add(node, term, weight);
    const theirs = pod.affinity;
    if (!theirs) return;
    for (const t of theirs.requiredAffinity) if (selectsIncoming(t)) add(node, t, HARD_POD_AFFINITY_WEIGHT);
    for (const t of theirs.preferredAffinity) if (selectsIncoming(t)) add(node, t, t.weight);
    for (const t of theirs.preferredAntiAffinity) if (selectsIncoming(t)) add(node, t, -t.weight);
  };
  for (const node of all) for (const pod of (preferred.length ? node.pods : node.podsWithAffinity).values()) countExisting(node, pod);
  if (domains.size === 0) return undefined;
  const raw = nodes.map((node) => Object.entries(node.labels).reduce((sum, [key, value]) => sum + (domains.get(pairOf(key, value)) ?? 0), 0));
  const min = Math.min(...raw);
  const spread = Math.max(...raw) - min;
  return raw.map((score) => (spread > 0 ? Math.trunc((MAX_NODE_SCORE * (score - min)) / spread) : 0));
}
