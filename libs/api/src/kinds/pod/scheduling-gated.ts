/**
 * The pod strategy's applySchedulingGatedCondition (PrepareForCreate): a pod created with
 * scheduling gates says at once why it waits, PodScheduled=False with reason
 * SchedulingGated, which is what `kubectl get pods` shows as its STATUS. kube-apiserver
 * leaves both times unset (null); the scheduler never touches a gated pod.
 */
import type { PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';

/** The pod, with the SchedulingGated condition when it has gates and no PodScheduled condition yet. */
export function withSchedulingGatedCondition(obj: KubeObject): KubeObject {
  const pod = obj as Pod;
  const gates = pod.spec?.schedulingGates;
  if (!Array.isArray(gates) || gates.length === 0) return obj;
  const conditions: PodCondition[] = Array.isArray(pod.status?.conditions) ? pod.status.conditions : [];
  if (conditions.some((c) => c?.type === 'PodScheduled')) return obj;
  const gated = {
    type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null,
    reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
  };
  return { ...obj, status: { ...pod.status, conditions: [...conditions, gated] } };
}
