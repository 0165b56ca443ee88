/**
 * The CronJob controller (pkg/controller/cronjob, cronjob_controllerv2.go) as one
 * pure, level-triggered decision: from the CronJob, the Jobs of its namespace, the
 * lab's now and the CronJob's schedule, which Jobs to start and delete, the status
 * and the events. In order:
 * 1. finished Jobs beyond the history limits are deleted;
 * 2. status.active and lastSuccessfulTime catch up with the Jobs;
 * 3. a CronJob being deleted, with an unknown timeZone or suspended stops there;
 * 4. the due schedule time gets its Job (see start-due-job.ts);
 * 5. the status is written when it changed.
 * Like Kubernetes, no MissSchedule event: a time older than startingDeadlineSeconds
 * is never found as due, so it passes silently (kubernetes/kubernetes#111223).
 */
import type { CronJob, Job } from '@kubelab/api';
import type { CronJobStatus } from 'kubernetes-types/batch/v1';
import { controllerOf } from '../replicaset/owner-refs.js';
import { trackActiveJobs } from './active-jobs.js';
import type { CronJobAction, CronJobReconcileResult, NextScheduleTime } from './cronjob-actions.js';
import { cronJobEvents } from './cronjob-events.js';
import { cronJobStatus, withoutActive } from './cronjob-status.js';
import { jobsBeyondHistory } from './job-history.js';
import { startDueJob } from './start-due-job.js';
import { timeZoneError } from './zoned-time.js';

function statusUpdate(cronJob: CronJob, status: CronJobStatus): CronJobAction[] {
  const unchanged = JSON.stringify(cronJobStatus(cronJob.status ?? {})) === JSON.stringify(status);
  return unchanged ? [] : [{ type: 'UpdateStatus', status }];
}

/** Nothing to schedule right now: why not, as an event, or undefined to go on. */
function notScheduling(cronJob: CronJob): CronJobAction[] | undefined {
  const { timeZone, suspend } = cronJob.spec!;
  if (cronJob.metadata.deletionTimestamp) return [];
  const zoneError = timeZone && timeZoneError(timeZone);
  if (timeZone && zoneError) return [cronJobEvents.unknownTimeZone(timeZone, zoneError)];
  if (suspend === true) return [];
  return undefined;
}

/**
 * One pass over a CronJob. `namespaceJobs` are the Jobs of its namespace (those it
 * controls are its own; the others matter only for a clashing name); `next` gives
 * the schedule time after a time. The shell syncs again at `requeueAt`.
 */
export function reconcileCronJob(cronJob: CronJob, namespaceJobs: readonly Job[], now: Date, next: NextScheduleTime): CronJobReconcileResult {
  const jobs = namespaceJobs.filter((job) => controllerOf(job)?.uid === cronJob.metadata.uid);
  const expired = jobsBeyondHistory(cronJob.spec!, jobs);
  const cleanup = expired.flatMap((job): CronJobAction[] => [{ type: 'DeleteJob', name: job.metadata.name ?? '' }, cronJobEvents.deleted(job.metadata.name ?? '')]);
  const expiredUids = new Set(expired.map((job) => job.metadata.uid));
  const tracked = trackActiveJobs(cronJob, withoutActive(cronJob.status ?? {}, (ref) => expiredUids.has(ref.uid)), jobs);
  const before = [...cleanup, ...tracked.events];

  const stopped = notScheduling(cronJob);
  if (stopped) return { actions: [...before, ...stopped, ...statusUpdate(cronJob, tracked.status)] };
  const { actions, status, requeueAt } = startDueJob(cronJob, tracked.status, namespaceJobs, now, next);
  return { actions: [...before, ...actions, ...statusUpdate(cronJob, status)], ...(requeueAt ? { requeueAt } : {}) };
}
