/**
 * The pod predicates the StatefulSet controller steps by (stateful_set_utils.go):
 * an ordered set only moves on past a pod that is Running, Ready and available.
 */
import type { Pod } from '@kubelab/api';
import { isPodAvailable, isPodReady } from '../replicaset/pod-state.js';
import type { WorkloadClock } from '../replicaset/workload-clock.js';

/** The pod has a deletionTimestamp: it is going, and its name is not free yet. */
export function isTerminating(pod: Pod): boolean {
  return Boolean(pod.metadata.deletionTimestamp);
}

/** Phase Failed or Succeeded: the pod will never run again and is replaced. */
export function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
}

/** Phase Running and the Ready condition True. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** Running and ready for minReadySeconds. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, clock: WorkloadClock): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, clock);
}

/** Running, ready and not terminating: a rolling update may move past it. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}
