/** NodePorts: a host port can be used by one pod per node (per address and protocol). */
import type { NodeInfo } from '../snapshot/node-info.js';
import type { PodContext } from './pod-context.js';
import { resolvable, type Rejection } from './rejection.js';

/** Rejects a node where one of the pod's host ports is already taken. */
export function nodePorts(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  if (!ctx.entry.hostPorts.some((p) => node.portInUse(p))) return undefined;
  return resolvable('NodePorts', ["node(s) didn't have free ports for the requested pod ports"]);
}
