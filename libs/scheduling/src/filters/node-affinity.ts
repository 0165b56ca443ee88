/** NodeAffinity (filter): nodeSelector and requiredDuringSchedulingIgnoredDuringExecution. */
import type { NodeInfo } from '../snapshot/node-info.js';
import type { PodContext } from './pod-context.js';
import { unresolvable, type Rejection } from './rejection.js';

/** Rejects a node the pod's node selector or required node affinity does not match. */
export function nodeAffinity(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  if (ctx.nodeMatches(node)) return undefined;
  return unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector");
}
