/** TaintToleration (filter): NoSchedule and NoExecute taints must be tolerated. */
import { firstUntoleratedTaint } from '../node/tolerations.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import type { PodContext } from './pod-context.js';
import { unresolvable, type Rejection } from './rejection.js';

const hardEffects = new Set(['NoSchedule', 'NoExecute']);

/** Rejects a node with an untolerated NoSchedule/NoExecute taint, naming the first one as kube-scheduler does. */
export function taintToleration(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  if (node.taints.length === 0) return undefined;
  const taint = firstUntoleratedTaint(node.taints, ctx.tolerations, hardEffects);
  if (!taint) return undefined;
  return unresolvable('TaintToleration', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
}
