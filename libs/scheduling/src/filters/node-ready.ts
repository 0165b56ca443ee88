/**
 * A node whose Ready condition is not True. On a real cluster the node lifecycle
 * controller taints such nodes and TaintToleration rejects them; until those taints
 * are there, this filter keeps pods off the node on its own.
 */
import type { NodeInfo } from '../snapshot/node-info.js';
import type { PodContext } from './pod-context.js';
import { unresolvable, type Rejection } from './rejection.js';

const conditionTaints = new Set(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);

/** Rejects a not-ready node, unless a not-ready/unreachable taint already lets TaintToleration decide. */
export function nodeReady(_ctx: PodContext, node: NodeInfo): Rejection | undefined {
  if (node.ready || node.taints.some((t) => conditionTaints.has(t.key))) return undefined;
  return unresolvable('NodeReady', 'node(s) were not ready');
}
