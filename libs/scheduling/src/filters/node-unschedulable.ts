/** NodeUnschedulable: cordoned nodes take only pods that tolerate the unschedulable taint. */
import { tolerated } from '../node/tolerations.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import type { PodContext } from './pod-context.js';
import { unresolvable, type Rejection } from './rejection.js';

const unschedulableTaint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** Rejects a node with spec.unschedulable unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule. */
export function nodeUnschedulable(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  if (!node.unschedulable || tolerated(ctx.tolerations, unschedulableTaint)) return undefined;
  return unresolvable('NodeUnschedulable', 'node(s) were unschedulable');
}
