/**
 * The default profile's filter chain, in kube-scheduler's plugin order. As in
 * RunFilterPlugins, the first plugin that rejects a node decides its reasons.
 */
import type { NodeInfo } from '../snapshot/node-info.js';
import { interPodAffinity } from './inter-pod-affinity.js';
import { nodeAffinity } from './node-affinity.js';
import { nodeName } from './node-name.js';
import { nodePorts } from './node-ports.js';
import { nodeReady } from './node-ready.js';
import { nodeResourcesFit } from './node-resources-fit.js';
import { nodeUnschedulable } from './node-unschedulable.js';
import type { PodContext } from './pod-context.js';
import { podTopologySpread } from './pod-topology-spread.js';
import type { Rejection } from './rejection.js';
import { taintToleration } from './taint-toleration.js';
import { volumeBinding } from './volume-binding.js';
import { volumeRestrictions } from './volume-restrictions.js';

const filters = [
  nodeUnschedulable, nodeReady, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit,
  volumeRestrictions, volumeBinding, podTopologySpread, interPodAffinity,
];

/** undefined when the node can take the pod, else the first rejection. */
export function runFilters(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  for (const filter of filters) {
    const rejection = filter(ctx, node);
    if (rejection) return rejection;
  }
  return undefined;
}
