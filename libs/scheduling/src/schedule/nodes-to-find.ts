/**
 * percentageOfNodesToScore: in big clusters kube-scheduler stops filtering once it has
 * found "enough" feasible nodes, trading a little placement quality for speed.
 */

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/**
 * How many feasible nodes to look for (numFeasibleNodesToFind): every node below 100;
 * otherwise `percentage` of them (adaptive 50 − nodes/125, at least 5 %, when 0 or
 * unset), never fewer than 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percent = percentage;
  if (percent <= 0) percent = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, 50 - Math.trunc(numAllNodes / 125));
  const count = Math.trunc((numAllNodes * Math.min(percent, 100)) / 100);
  return Math.max(count, MIN_FEASIBLE_NODES_TO_FIND);
}
