/**
 * A Job with a Complete or Failed condition runs nothing more: its remaining pods are
 * released from the tracking finalizer. Deleting it when its ttlSecondsAfterFinished has
 * passed is the TTL-after-finished controller's work (ttl-after-finished/).
 */
import type { Pod } from '@kubelab/api';
import type { JobReconcileResult } from './job-actions.js';
import { isTracked } from './job-pods.js';
import { withoutTrackingFinalizer } from './job-tracking.js';

/** Finalizer releases of the pods still tracked. */
export function reconcileFinishedJob(ownPods: readonly Pod[]): JobReconcileResult {
  return { actions: ownPods.filter(isTracked).map((pod) => ({ type: 'RemovePodFinalizer', pod: withoutTrackingFinalizer(pod) })) };
}
