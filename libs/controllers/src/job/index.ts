/** The Job controller: pure decisions for the controller-manager's Job shell. */
export type { JobAction, JobReconcileResult } from './job-actions.js';
export type { JobClock } from './job-clock.js';
export { reconcileJob } from './reconcile-job.js';
export { releaseOrphanedPods } from './orphan-pods.js';
export { createdPodEvent, deletedPodEvent, type JobEvent } from './job-events.js';
export { JOB_TRACKING_FINALIZER, COMPLETION_INDEX_ANNOTATION } from './job-pods.js';
export { trackingFinalizerRemovalPatch } from './job-tracking.js';
