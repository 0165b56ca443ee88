/**
 * NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be used in
 * similar proportions after the pod, so neither resource is stranded.
 */
import type { PodContext } from '../filters/pod-context.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { MAX_NODE_SCORE } from './normalize.js';

function fraction(requested: number, allocatable: number): number {
  return Math.min(1, requested / allocatable);
}

/** 100 × (1 − standard deviation of the used fractions of the resources the node has). */
function balance(cpu: number, cpuAllocatable: number, memory: number, memoryAllocatable: number): number {
  if (cpuAllocatable === 0 || memoryAllocatable === 0) return MAX_NODE_SCORE;
  const std = Math.abs((fraction(cpu, cpuAllocatable) - fraction(memory, memoryAllocatable)) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** 0..100 per node: nodes whose cpu and memory would be equally used score highest. */
export function balancedAllocationScores(ctx: PodContext, nodes: readonly NodeInfo[]): number[] {
  const pod = ctx.entry.nonZeroRequests;
  const scores = new Array<number>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const { nonZeroRequested: used, allocatable } = nodes[i];
    scores[i] = balance(used.milliCpu + pod.milliCpu, allocatable.milliCpu, used.memory + pod.memory, allocatable.memory);
  }
  return scores;
}
