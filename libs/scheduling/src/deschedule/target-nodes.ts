/**
 * Nodes a pod could be rescheduled onto, as the descheduler judges them before
 * evicting: ready, schedulable, matching the pod's node selector and affinity, and
 * with every NoSchedule/NoExecute taint tolerated.
 */
import type { Pod } from '@kubelab/api';
import { requiredNodeMatcher } from '../node/node-selector.js';
import { firstUntoleratedTaint } from '../node/tolerations.js';
import type { NodeInfo } from '../snapshot/node-info.js';

const hardEffects = new Set(['NoSchedule', 'NoExecute']);

/** The nodes among `nodes` that would accept the pod, ignoring resources. */
export function feasibleNodesFor(pod: Pod, nodes: readonly NodeInfo[]): NodeInfo[] {
  const matches = requiredNodeMatcher(pod.spec);
  const tolerations = pod.spec?.tolerations ?? [];
  return nodes.filter((n) => n.ready && !n.unschedulable && matches(n) && !firstUntoleratedTaint(n.taints, tolerations, hardEffects));
}
