/**
 * The pod facts the ReplicaSet controller counts by (pkg/api/v1/pod and
 * pkg/controller's IsPodActive), kept in one place so status and victim order agree.
 */
import type { Pod } from '@kubelab/api';
import type { PodCondition } from 'kubernetes-types/core/v1';
import { scaledMs, type WorkloadClock } from './workload-clock.js';

/** A pod still doing its job: not Succeeded or Failed, and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

function readyCondition(pod: Pod): PodCondition | undefined {
  return (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When a ready pod became ready (epoch ms), or undefined when not ready or unknown. */
export function podReadySince(pod: Pod): number | undefined {
  const condition = readyCondition(pod);
  if (condition?.status !== 'True' || !condition.lastTransitionTime) return undefined;
  return Date.parse(condition.lastTransitionTime);
}

/**
 * Wall ms until a ready pod counts as available (ready for minReadySeconds, strictly
 * longer as podutil.IsPodAvailable has it): ≤ 0 when it already is, undefined when not ready.
 */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, clock: WorkloadClock): number | undefined {
  if (!isPodReady(pod)) return undefined;
  if (minReadySeconds <= 0) return 0;
  const since = podReadySince(pod);
  if (since === undefined) return undefined;
  const remaining = since + scaledMs(minReadySeconds, clock) - clock.now.getTime();
  return remaining < 0 ? remaining : remaining + 1;
}

/** Ready for at least minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, clock: WorkloadClock): boolean {
  const remaining = msUntilAvailable(pod, minReadySeconds, clock);
  return remaining !== undefined && remaining <= 0;
}
