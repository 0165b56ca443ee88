/**
 * NodeShouldRunDaemonPod (daemon_controller.go): whether a node should get the
 * daemon pod, and whether a pod already there may stay. Node selector, required
 * node affinity and template nodeName must fit; an untolerated NoSchedule taint keeps
 * a new pod off, only an untolerated NoExecute one drives an old pod away. A node
 * being deleted runs no daemon pod.
 */
import type { DaemonSet, Node } from '@kubelab/api';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { firstUntoleratedTaint, requiredNodeMatcher, type Taint } from '@kubelab/scheduling';
import { withDaemonTolerations } from './daemon-tolerations.js';

/** The verdict for one node. */
export interface NodePlacement {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

const HARD_EFFECTS = new Set(['NoSchedule', 'NoExecute']);
const EVICTING = new Set(['NoExecute']);

/** Whether `ds` (its template as the pod will be, default tolerations included) belongs on `node`. */
export function nodeShouldRunDaemonPod(ds: DaemonSet, node: Node): NodePlacement {
  const spec: Partial<PodSpec> = ds.spec?.template?.spec ?? {};
  const name = node.metadata.name ?? '';
  const fits = !node.metadata.deletionTimestamp && (!spec.nodeName || spec.nodeName === name) &&
    requiredNodeMatcher(spec)({ name, labels: node.metadata.labels ?? {} });
  if (!fits) return { shouldRun: false, shouldContinueRunning: false };
  const taints: Taint[] = node.spec?.taints ?? [];
  const tolerations = withDaemonTolerations(spec.tolerations, Boolean(spec.hostNetwork));
  if (!firstUntoleratedTaint(taints, tolerations, HARD_EFFECTS)) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: !firstUntoleratedTaint(taints, tolerations, EVICTING) };
}
