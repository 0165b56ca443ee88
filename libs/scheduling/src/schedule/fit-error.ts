/** framework.FitError's text: how many nodes failed for which reason, as kube-scheduler prints it. */

/** "0/N nodes are available" — the head of every FitError. */
function head(numAllNodes: number): string {
  return `0/${numAllNodes} nodes are available:`;
}

/**
 * "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu."
 * Each node's reasons are counted once per reason; "count reason" strings are sorted
 * as strings (sort.Strings). Nodes without a recorded status count under `absentReason`.
 */
export function fitErrorMessage(numAllNodes: number, nodeReasons: Iterable<readonly string[]>, absentReason?: string): string {
  const histogram = new Map<string, number>();
  let recorded = 0;
  for (const reasons of nodeReasons) {
    recorded++;
    for (const reason of reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
  }
  if (absentReason && recorded < numAllNodes) histogram.set(absentReason, (histogram.get(absentReason) ?? 0) + numAllNodes - recorded);
  const parts = [...histogram].map(([reason, count]) => `${count} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.length > 0 ? `${head(numAllNodes)} ${parts.join(', ')}.` : `${head(numAllNodes)}.`;
}

/** A FitError after a PreFilter refused every node: "0/3 nodes are available: persistentvolumeclaim "data" not found." */
export function preFilterFitErrorMessage(numAllNodes: number, preFilterMessage: string): string {
  return `${head(numAllNodes)} ${preFilterMessage}.`;
}
