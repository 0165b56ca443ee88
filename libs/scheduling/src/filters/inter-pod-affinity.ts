/**
 * InterPodAffinity (filter), in kube-scheduler's order: the pod's required affinity
 * (UnschedulableAndUnresolvable: evicting pods cannot create the pods it wants), its
 * required anti-affinity, then existing pods' required anti-affinity against it (both
 * Unschedulable: preemption may remove the pods in the way). A node without a term's
 * topology key satisfies no affinity term. When no pod anywhere matches the affinity
 * terms but the pod matches them itself, it may start the group on any node carrying
 * the keys.
 */
import { termMatches } from '../pod/affinity-terms.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { countPod, pairOf, type InterPodAffinityState } from './inter-pod-affinity-state.js';
import type { PodContext } from './pod-context.js';
import { resolvable, unresolvable, type Rejection } from './rejection.js';

const PLUGIN = 'InterPodAffinity';

interface LiveCounts {
  affinity: Map<string, number>;
  antiAffinity: Map<string, number>;
  existingAntiAffinity: Map<string, number>;
}

/** A what-if node's own counts, from the pods left on it. */
function liveCounts(state: InterPodAffinityState, node: NodeInfo): LiveCounts {
  const counts: LiveCounts = { affinity: new Map(), antiAffinity: new Map(), existingAntiAffinity: new Map() };
  const bump = (map: Map<string, number>) => (pair: string) => map.set(pair, (map.get(pair) ?? 0) + 1);
  for (const entry of node.pods.values()) {
    countPod(state, node, entry, { affinity: bump(counts.affinity), antiAffinity: bump(counts.antiAffinity), existingAntiAffinity: bump(counts.existingAntiAffinity) });
  }
  return counts;
}

function satisfiesAffinity(state: InterPodAffinityState, node: NodeInfo, live: () => LiveCounts): boolean {
  if (!state.affinity.length) return true;
  const pairs = state.affinity.map((t) => (t.topologyKey in node.labels ? pairOf(t.topologyKey, node.labels[t.topologyKey]) : undefined));
  if (pairs.some((p) => p === undefined)) return false;
  if (pairs.every((p) => state.affinityCounts.count(p!, node, () => live().affinity) > 0)) return true;
  // The first pod of a group that selects itself.
  return state.affinityCounts.total.size === 0 && state.affinity.every((t) => termMatches(t, state.namespace, state.labels));
}

function satisfiesAntiAffinity(state: InterPodAffinityState, node: NodeInfo, live: () => LiveCounts): boolean {
  return state.antiAffinity.every((t) =>
    !(t.topologyKey in node.labels) || state.antiAffinityCounts.count(pairOf(t.topologyKey, node.labels[t.topologyKey]), node, () => live().antiAffinity) === 0);
}

function satisfiesExistingAntiAffinity(state: InterPodAffinityState, node: NodeInfo, live: () => LiveCounts): boolean {
  if (state.existingAntiAffinityCounts.total.size === 0 && !node.simulated) return true;
  return Object.entries(node.labels).every(([key, value]) => state.existingAntiAffinityCounts.count(pairOf(key, value), node, () => live().existingAntiAffinity) === 0);
}

export function interPodAffinity(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  const state = ctx.podAffinity;
  if (!state) return undefined;
  let counted: LiveCounts | undefined;
  const live = () => (counted ??= liveCounts(state, node));
  if (!satisfiesAffinity(state, node, live)) return unresolvable(PLUGIN, "node(s) didn't match pod affinity rules");
  if (!satisfiesAntiAffinity(state, node, live)) return resolvable(PLUGIN, ["node(s) didn't match pod anti-affinity rules"]);
  if (!satisfiesExistingAntiAffinity(state, node, live)) return resolvable(PLUGIN, ["node(s) didn't satisfy existing pods anti-affinity rules"]);
  return undefined;
}
