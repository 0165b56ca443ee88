/** What the CronJob controller decides, as data for the shell to carry out. */
import type { Job } from '@kubelab/api';
import type { CronJobStatus } from 'kubernetes-types/batch/v1';

/**
 * The next schedule time strictly after `after`, evaluated in the CronJob's timeZone,
 * or undefined when the schedule never fires again. The shell builds it from
 * spec.schedule and spec.timeZone.
 */
export type NextScheduleTime = (after: Date) => Date | undefined;

/**
 * One step for the shell, in order; the shell stops at the first failure. A
 * RecordEvent that reports a create or a delete comes right after it, so it is only
 * recorded once the write happened. DeleteJob is a delete with propagationPolicy
 * Background (the Job's pods go with it); a 404 means it is already gone.
 */
export type CronJobAction =
  | { type: 'CreateJob'; job: Job }
  | { type: 'DeleteJob'; name: string }
  | { type: 'UpdateStatus'; status: CronJobStatus }
  | { type: 'RecordEvent'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

/**
 * The decision of one reconcile pass: steps, and the lab time at which to look again
 * (the next schedule time plus a small margin), absent when the CronJob is
 * suspended, being deleted or has a schedule that cannot fire. The shell turns it
 * into wall ms with the lab's timeScale.
 */
export interface CronJobReconcileResult {
  actions: CronJobAction[];
  requeueAt?: Date;
}
