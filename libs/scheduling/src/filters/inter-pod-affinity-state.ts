/**
 * InterPodAffinity's PreFilter: counts per topology pair ("key", "value") of
 * (1) existing pods matching every required affinity term of the incoming pod,
 * (2) existing pods matching one of its required anti-affinity terms, and
 * (3) existing pods whose own required anti-affinity selects the incoming pod.
 * Each count is also kept per node, so a what-if node (preemption) can replace its
 * own contribution with that of the pods left on it.
 */
import type { AffinityTerm } from '../pod/affinity-terms.js';
import { termMatches, termMatchesPod } from '../pod/affinity-terms.js';
import type { BoundPod } from '../snapshot/bound-pod.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import type { NodeInfo } from '../snapshot/node-info.js';

/** Counts by topology pair, and each node's share of them. */
export class PairCounts {
  readonly total = new Map<string, number>();
  readonly byNode = new Map<string, Map<string, number>>();

  add(node: string, pair: string): void {
    this.total.set(pair, (this.total.get(pair) ?? 0) + 1);
    let own = this.byNode.get(node);
    if (!own) this.byNode.set(node, (own = new Map()));
    own.set(pair, (own.get(pair) ?? 0) + 1);
  }

  /** The count for a pair, with `node`'s share recounted from `live` when the node is a what-if copy. */
  count(pair: string, node: NodeInfo, live: () => Map<string, number>): number {
    const total = this.total.get(pair) ?? 0;
    if (!node.simulated) return total;
    return total - (this.byNode.get(node.name)?.get(pair) ?? 0) + (live().get(pair) ?? 0);
  }
}

export const pairOf = (key: string, value: string) => `${key}\u0000${value}`;

export interface InterPodAffinityState {
  namespace: string;
  labels: Readonly<Record<string, string>>;
  affinity: AffinityTerm[];
  antiAffinity: AffinityTerm[];
  affinityCounts: PairCounts;
  antiAffinityCounts: PairCounts;
  existingAntiAffinityCounts: PairCounts;
}

/** What one pod on `node` adds to each count. */
export function countPod(state: InterPodAffinityState, node: NodeInfo, entry: BoundPod, into: {
  affinity: (pair: string) => void; antiAffinity: (pair: string) => void; existingAntiAffinity: (pair: string) => void;
}): void {
  const domain = (key: string) => node.labels[key];
  if (state.affinity.length && state.affinity.every((t) => termMatchesPod(t, entry))) {
    for (const t of state.affinity) if (domain(t.topologyKey) !== undefined) into.affinity(pairOf(t.topologyKey, domain(t.topologyKey)));
  }
  for (const t of state.antiAffinity) {
    if (domain(t.topologyKey) !== undefined && termMatchesPod(t, entry)) into.antiAffinity(pairOf(t.topologyKey, domain(t.topologyKey)));
  }
  for (const t of entry.affinity?.requiredAntiAffinity ?? []) {
    if (domain(t.topologyKey) !== undefined && termMatches(t, state.namespace, state.labels)) into.existingAntiAffinity(pairOf(t.topologyKey, domain(t.topologyKey)));
  }
}

function hasRequiredAntiAffinity(node: NodeInfo): boolean {
  for (const pod of node.podsWithAffinity.values()) if (pod.affinity!.requiredAntiAffinity.length > 0) return true;
  return false;
}

/** Builds the counts, or undefined when neither the pod nor any pod in the cluster has a required term that could apply. */
export function interPodAffinityState(snapshot: ClusterSnapshot, entry: BoundPod): InterPodAffinityState | undefined {
  const affinity = entry.affinity?.requiredAffinity ?? [];
  const antiAffinity = entry.affinity?.requiredAntiAffinity ?? [];
  const nodes = snapshot.nodes();
  if (!affinity.length && !antiAffinity.length && !nodes.some(hasRequiredAntiAffinity)) return undefined;
  const state: InterPodAffinityState = {
    namespace: entry.namespace, labels: entry.labels, affinity, antiAffinity,
    affinityCounts: new PairCounts(), antiAffinityCounts: new PairCounts(), existingAntiAffinityCounts: new PairCounts(),
  };
  const ownTermsOnly = !affinity.length && !antiAffinity.length;
  for (const node of nodes) {
    const pods = ownTermsOnly ? node.podsWithAffinity.values() : node.pods.values();
    for (const pod of pods) {
      countPod(state, node, pod, {
        affinity: (pair) => state.affinityCounts.add(node.name, pair),
        antiAffinity: (pair) => state.antiAffinityCounts.add(node.name, pair),
        existingAntiAffinity: (pair) => state.existingAntiAffinityCounts.add(node.name, pair),
      });
    }
  }
  return state;
}
