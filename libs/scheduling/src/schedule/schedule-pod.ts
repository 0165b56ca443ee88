/**
 * One scheduling cycle (schedule_one.go's schedulePod): stop at once when a PreFilter
 * refuses every node; try the nominated node first, then filter nodes from a rotating
 * start until enough feasible ones are found, score them and pick the best (and plan the
 * pod's volumes there), or explain with a FitError why none fits.
 */
import type { Pod } from '@kubelab/api';
import { podContext, type PodContext } from '../filters/pod-context.js';
import type { Rejection } from '../filters/rejection.js';
import { runFilters } from '../filters/run-filters.js';
import { runScores, type NodeScores } from '../scores/run-scores.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { findPodVolumes } from '../volumes/find-pod-volumes.js';
import { MAX_FILTERED_SHOWN, type DecisionExplanation, type SchedulingDecision } from './decision.js';
import { fitErrorMessage, preFilterFitErrorMessage } from './fit-error.js';
import { numFeasibleNodesToFind } from './nodes-to-find.js';
import { selectHost } from './select-host.js';

/** Tuning for one decision. */
export interface ScheduleOptions {
  /** Uniform in [0, 1): breaks ties between equally scored nodes. */
  random: () => number;
  /** kube-scheduler's percentageOfNodesToScore; 0 or unset means adaptive. */
  percentageOfNodesToScore?: number;
}

/** kube-scheduler's ErrNoNodesAvailable text. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

interface FilterPass {
  feasible: NodeInfo[];
  rejected: Map<string, Rejection>;
  evaluated: number;
}

function filterNodes(snapshot: ClusterSnapshot, ctx: PodContext, wanted: number): FilterPass {
  const nodes = snapshot.nodes();
  const start = snapshot.nextStartNodeIndex % nodes.length;
  const feasible: NodeInfo[] = [];
  const rejected = new Map<string, Rejection>();
  let evaluated = 0;
  while (evaluated < nodes.length && feasible.length < wanted) {
    const node = nodes[(start + evaluated) % nodes.length];
    evaluated++;
    const rejection = runFilters(ctx, node);
    if (rejection) rejected.set(node.name, rejection);
    else feasible.push(node);
  }
  snapshot.nextStartNodeIndex = (start + evaluated) % nodes.length;
  return { feasible, rejected, evaluated };
}

function filteredRecord(rejected: Map<string, Rejection>): Pick<DecisionExplanation, 'filtered' | 'filteredNotShown'> {
  const filtered: Record<string, string[]> = {};
  let shown = 0;
  for (const [node, rejection] of rejected) {
    if (shown++ >= MAX_FILTERED_SHOWN) break;
    filtered[node] = rejection.reasons;
  }
  const notShown = rejected.size - Math.min(rejected.size, MAX_FILTERED_SHOWN);
  return notShown > 0 ? { filtered, filteredNotShown: notShown } : { filtered };
}

/** The chosen node first, then the two best others. */
function bestThree(nodes: readonly NodeInfo[], scores: NodeScores, chosen: number): DecisionExplanation['topScores'] {
  const order = [chosen];
  for (let pick = 0; pick < 2; pick++) {
    let best = -1;
    for (let i = 0; i < nodes.length; i++) if (!order.includes(i) && (best < 0 || scores.totals[i] > scores.totals[best])) best = i;
    if (best >= 0) order.push(best);
  }
  return order.map((i) => ({
    node: nodes[i].name,
    total: scores.totals[i],
    scores: Object.fromEntries(scores.plugins.map((p) => [p.name, p.scores[i]])),
  }));
}

/** Binds to `node`, with the volumes planned there when the pod has claims to bind. */
function bindTo(ctx: PodContext, node: NodeInfo, explanation: DecisionExplanation): SchedulingDecision {
  const decision: SchedulingDecision = { type: 'Bind', nodeName: node.name, explanation };
  if (ctx.volumeClaims) decision.volumes = findPodVolumes(ctx.volumeClaims, node).podVolumes;
  return decision;
}

function nominatedDecision(snapshot: ClusterSnapshot, ctx: PodContext): SchedulingDecision | undefined {
  const nominated = ctx.pod.status?.nominatedNodeName;
  const node = nominated ? snapshot.nodeInfo(nominated) : undefined;
  if (!node || runFilters(ctx, node)) return undefined;
  const scores = runScores(snapshot, ctx, [node]);
  return bindTo(ctx, node, { nodesEvaluated: 1, feasibleNodes: 1, filtered: {}, topScores: bestThree([node], scores, 0) });
}

/** Decides where the pod goes, given the snapshot as it stands (assumed pods included). */
export function schedulePod(snapshot: ClusterSnapshot, pod: Pod, options: ScheduleOptions): SchedulingDecision {
  const numAllNodes = snapshot.nodeCount();
  if (numAllNodes === 0) {
    return { type: 'Unschedulable', message: NO_NODES_AVAILABLE, explanation: { nodesEvaluated: 0, feasibleNodes: 0, filtered: {}, topScores: [] } };
  }
  const ctx = podContext(snapshot, pod);
  if (ctx.preFilterRejection) {
    const { plugin, reasons } = ctx.preFilterRejection;
    const message = preFilterFitErrorMessage(numAllNodes, reasons.join(', '));
    return { type: 'Unschedulable', message, explanation: { nodesEvaluated: 0, feasibleNodes: 0, filtered: {}, topScores: [], preFilterRejection: { plugin, reason: reasons.join(', ') } } };
  }
  const nominated = nominatedDecision(snapshot, ctx);
  if (nominated) return nominated;
  const pass = filterNodes(snapshot, ctx, numFeasibleNodesToFind(numAllNodes, options.percentageOfNodesToScore));
  const base = { nodesEvaluated: pass.evaluated, feasibleNodes: pass.feasible.length, ...filteredRecord(pass.rejected) };
  if (pass.feasible.length === 0) {
    const message = fitErrorMessage(numAllNodes, [...pass.rejected.values()].map((r) => r.reasons));
    return { type: 'Unschedulable', message, explanation: { ...base, topScores: [] } };
  }
  const scores = runScores(snapshot, ctx, pass.feasible);
  const chosen = selectHost(scores.totals, options.random);
  return bindTo(ctx, pass.feasible[chosen], { ...base, topScores: bestThree(pass.feasible, scores, chosen) });
}
