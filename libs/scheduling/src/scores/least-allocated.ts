/**
 * NodeResourcesFit's default LeastAllocated scoring: prefer nodes with the most room
 * left after the pod, cpu and memory weighted equally, using non-zero requests so
 * request-less pods still spread.
 */
import type { PodContext } from '../filters/pod-context.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { MAX_NODE_SCORE } from './normalize.js';

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** 0..100 per node: the average share of cpu and memory left free. */
export function leastAllocatedScores(ctx: PodContext, nodes: readonly NodeInfo[]): number[] {
  const pod = ctx.entry.nonZeroRequests;
  const scores = new Array<number>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const { nonZeroRequested: used, allocatable } = nodes[i];
    const cpu = leastRequested(used.milliCpu + pod.milliCpu, allocatable.milliCpu);
    const memory = leastRequested(used.memory + pod.memory, allocatable.memory);
    scores[i] = Math.trunc((cpu + memory) / 2);
  }
  return scores;
}
