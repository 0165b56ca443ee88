/**
 * The default profile's scoring: each plugin scores the feasible nodes 0..100 and the
 * totals are the weighted sums (TaintToleration 3, NodeAffinity 2, PodTopologySpread 2,
 * InterPodAffinity 2, NodeResourcesFit 1, NodeResourcesBalancedAllocation 1).
 */
import type { PodContext } from '../filters/pod-context.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { balancedAllocationScores } from './balanced-allocation.js';
import { interPodAffinityScores } from './inter-pod-affinity-score.js';
import { leastAllocatedScores } from './least-allocated.js';
import { nodeAffinityScores } from './node-affinity-score.js';
import { taintTolerationScores } from './taint-toleration-score.js';
import { topologySpreadScores } from './topology-spread-score.js';

/** Per-plugin scores (0..100, unweighted) for each node, and the weighted totals. */
export interface NodeScores {
  plugins: { name: string; weight: number; scores: number[] }[];
  totals: number[];
}

/** Scores every node in `nodes` for the pod. Plugins that have nothing to say are left out. */
export function runScores(snapshot: ClusterSnapshot, ctx: PodContext, nodes: readonly NodeInfo[]): NodeScores {
  const candidates = [
    { name: 'TaintToleration', weight: 3, scores: taintTolerationScores(ctx, nodes) },
    { name: 'NodeAffinity', weight: 2, scores: nodeAffinityScores(ctx, nodes) },
    { name: 'NodeResourcesFit', weight: 1, scores: leastAllocatedScores(ctx, nodes) },
    { name: 'PodTopologySpread', weight: 2, scores: topologySpreadScores(snapshot, ctx, nodes) },
    { name: 'InterPodAffinity', weight: 2, scores: interPodAffinityScores(snapshot, ctx, nodes) },
    { name: 'NodeResourcesBalancedAllocation', weight: 1, scores: balancedAllocationScores(ctx, nodes) },
  ];
  const plugins = candidates.filter((p): p is { name: string; weight: number; scores: number[] } => p.scores !== undefined);
  const totals = new Array<number>(nodes.length).fill(0);
  for (const plugin of plugins) for (let i = 0; i < nodes.length; i++) totals[i] += plugin.weight * plugin.scores[i];
  return { plugins, totals };
}
