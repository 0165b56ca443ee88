/**
 * PodTopologySpread (filter) for DoNotSchedule constraints: placing the pod must not
 * make its domain exceed the global minimum by more than maxSkew.
 */
import { countedBySelector } from '../snapshot/selector-counts.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import type { ConstraintCounts } from './spread-filter-state.js';
import type { PodContext } from './pod-context.js';
import { resolvable, unresolvable, type Rejection } from './rejection.js';

const PLUGIN = 'PodTopologySpread';

/** On a what-if copy of a node (preemption), the change in its matching pods since the counts were taken. */
function simulatedChange(node: NodeInfo, c: ConstraintCounts, namespace: string): number {
  if (!node.simulated) return 0;
  const requirements = c.constraint.requirements;
  let live = 0;
  if (requirements) for (const entry of node.pods.values()) if (countedBySelector(entry, namespace, requirements)) live++;
  return live - (c.perNode.get(node.name) ?? 0);
}

/** Rejects a node lacking a topology key, or one where the pod would break a constraint's maxSkew. */
export function podTopologySpread(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  const state = ctx.hardSpread;
  if (!state) return undefined;
  for (const c of state.constraints) {
    const domain = node.labels[c.constraint.topologyKey];
    if (domain === undefined) return unresolvable(PLUGIN, "node(s) didn't match pod topology spread constraints (missing required label)");
    const change = simulatedChange(node, c, state.namespace);
    const matchNum = (c.perDomain.get(domain) ?? 0) + change;
    const minMatch = change === 0 ? c.minMatch : Math.min(c.minMatch, matchNum);
    const skew = matchNum + (c.constraint.selfMatch ? 1 : 0) - minMatch;
    if (skew > c.constraint.maxSkew) return resolvable(PLUGIN, ["node(s) didn't match pod topology spread constraints"]);
  }
  return undefined;
}
