/**
 * A Job with a Complete or Failed condition runs nothing more: its remaining pods are
 * released from the tracking finalizer, and once ttlSecondsAfterFinished has passed
 * since it finished (Kubernetes' TTL-after-finished controller) it is deleted.
 */
import type { KubeObject } from '@kubelab/api';
import type { JobAction, JobReconcileResult } from './job-actions.js';
import { scaledMs, type JobClock } from './job-clock.js';
import { trueCondition, type JobCondition } from './job-conditions.js';
import { isTracked } from './job-pods.js';
import { withoutTrackingFinalizer } from './job-tracking.js';

function finishedAt(job: KubeObject): number {
  const conditions: JobCondition[] = job.status?.conditions ?? [];
  const terminal = trueCondition(conditions, 'Complete') ?? trueCondition(conditions, 'Failed');
  return Date.parse(job.status?.completionTime ?? terminal?.lastTransitionTime ?? '');
}

/** Finalizer releases, then DeleteJob or a requeue for when the TTL runs out. */
export function reconcileFinishedJob(job: KubeObject, ownPods: readonly KubeObject[], clock: JobClock): JobReconcileResult {
  const actions: JobAction[] = ownPods.filter(isTracked).map((pod) => ({ type: 'RemovePodFinalizer', pod: withoutTrackingFinalizer(pod) }));
  const ttl = job.spec?.ttlSecondsAfterFinished;
  const finished = finishedAt(job);
  if (typeof ttl !== 'number' || Number.isNaN(finished) || job.metadata.deletionTimestamp) return { actions };
  const remainingMs = finished + scaledMs(ttl, clock) - clock.now.getTime();
  if (remainingMs <= 0) return { actions: [...actions, { type: 'DeleteJob' }] };
  return { actions, requeueAfterMs: remainingMs };
}
