/**
 * PodTopologySpread's PreFilter: for each DoNotSchedule constraint, how many matching
 * pods each topology domain holds and the global minimum. Domains are the values of
 * the topology key on nodes that pass the pod's node affinity/selector
 * (nodeAffinityPolicy Honor) whatever their taints (nodeTaintsPolicy Ignore).
 */
import type { Pod } from '@kubelab/api';
import type { NodeMatcher } from '../node/node-selector.js';
import { spreadConstraints, type SpreadConstraint } from '../pod/spread-constraints.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import type { NodeCounts } from '../snapshot/selector-counts.js';

/** Counts for one constraint. */
export interface ConstraintCounts {
  constraint: SpreadConstraint;
  /** Matching pods per node (from the snapshot's selector index). */
  perNode: NodeCounts;
  /** Matching pods per domain (topology value). */
  perDomain: Map<string, number>;
  /** The global minimum over domains, 0 while fewer than minDomains domains exist. */
  minMatch: number;
}

/** The pre-computed state for the hard spread filter. */
export interface SpreadFilterState {
  namespace: string;
  constraints: ConstraintCounts[];
}

const noPods: NodeCounts = new Map();

/** Builds the state, or undefined when the pod has no DoNotSchedule constraints. */
export function spreadFilterState(snapshot: ClusterSnapshot, pod: Pod, nodeMatches: NodeMatcher): SpreadFilterState | undefined {
  const constraints = spreadConstraints(pod, 'DoNotSchedule');
  if (constraints.length === 0) return undefined;
  const namespace = pod.metadata.namespace ?? 'default';
  const counts: ConstraintCounts[] = constraints.map((constraint) => ({
    constraint,
    perNode: constraint.requirements ? snapshot.matchingPodCounts(namespace, constraint.requirements) : noPods,
    perDomain: new Map(),
    minMatch: 0,
  }));
  for (const node of snapshot.nodes()) {
    if (!nodeMatches(node) || !constraints.every((c) => c.topologyKey in node.labels)) continue;
    for (const c of counts) {
      const domain = node.labels[c.constraint.topologyKey];
      c.perDomain.set(domain, (c.perDomain.get(domain) ?? 0) + (c.perNode.get(node.name) ?? 0));
    }
  }
  for (const c of counts) {
    const enoughDomains = c.perDomain.size >= c.constraint.minDomains;
    c.minMatch = enoughDomains ? Math.min(Infinity, ...c.perDomain.values()) : 0;
  }
  return { namespace, constraints: counts };
}
