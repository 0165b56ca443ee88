/** NodeName: a pod that names its node fits only there. */
import type { NodeInfo } from '../snapshot/node-info.js';
import type { PodContext } from './pod-context.js';
import { unresolvable, type Rejection } from './rejection.js';

/** Rejects every node but the one in spec.nodeName, when the pod sets it. */
export function nodeName(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  const wanted = ctx.pod.spec?.nodeName;
  if (!wanted || wanted === node.name) return undefined;
  return unresolvable('NodeName', "node(s) didn't match the requested node name");
}
