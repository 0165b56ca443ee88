/**
 * NodeResourcesFit (filter): the pod count and the pod's cpu and memory requests must
 * fit in what the node's allocatable leaves free. Reports every shortage at once.
 */
import type { NodeInfo } from '../snapshot/node-info.js';
import type { PodContext } from './pod-context.js';
import { resolvable, type Rejection } from './rejection.js';

/** The node's shortages for this pod, in kube-scheduler's order ("Too many pods", then cpu, then memory). */
export function insufficientResources(ctx: PodContext, node: NodeInfo): string[] {
  const reasons: string[] = [];
  if (node.pods.size + 1 > node.allocatable.pods) reasons.push('Too many pods');
  const wanted = ctx.entry.requests;
  if (wanted.milliCpu > 0 && wanted.milliCpu > node.allocatable.milliCpu - node.requested.milliCpu) reasons.push('Insufficient cpu');
  if (wanted.memory > 0 && wanted.memory > node.allocatable.memory - node.requested.memory) reasons.push('Insufficient memory');
  return reasons;
}

/** Rejects a node that lacks room for the pod. */
export function nodeResourcesFit(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  const reasons = insufficientResources(ctx, node);
  return reasons.length === 0 ? undefined : resolvable('NodeResourcesFit', reasons);
}
