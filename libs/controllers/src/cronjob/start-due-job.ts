/**
 * The scheduling half of Kubernetes' syncCronJob: the most recent due schedule time
 * (since lastScheduleTime, or creation, and within startingDeadlineSeconds) gets its
 * Job unless it was already started or concurrencyPolicy says otherwise, and the
 * CronJob is looked at again at the next schedule time.
 */
import type { CronJob, Job } from '@kubelab/api';
import { kubeTime } from '@kubelab/api';
import type { CronJobStatus } from 'kubernetes-types/batch/v1';
import { controllerOf } from '../replicaset/owner-refs.js';
import type { CronJobAction, NextScheduleTime } from './cronjob-actions.js';
import { cronJobEvents } from './cronjob-events.js';
import { cronJobStatus } from './cronjob-status.js';
import { jobFromTemplate, jobName, jobReference } from './job-from-template.js';
import { mostRecentScheduleTime, nextSyncTime } from './schedule-times.js';

/** What starting the due Job decided: steps, the status after them, and when to look again. */
export interface DueJobDecision {
  actions: CronJobAction[];
  status: CronJobStatus;
  requeueAt?: Date;
}

/** Last schedule time (or creation), moved up to now - startingDeadlineSeconds when asked to. */
function earliestTime(cronJob: CronJob, status: CronJobStatus, now: Date, withDeadline: boolean): Date {
  const last = status.lastScheduleTime ?? cronJob.metadata.creationTimestamp;
  const earliest = last ? new Date(last) : now;
  const deadline = cronJob.spec!.startingDeadlineSeconds;
  if (!withDeadline || typeof deadline !== 'number') return earliest;
  return new Date(Math.max(earliest.getTime(), now.getTime() - deadline * 1000));
}

/** Starts the Job of the due schedule time, if any and allowed. */
export function startDueJob(cronJob: CronJob, status: CronJobStatus, namespaceJobs: readonly Job[], now: Date, next: NextScheduleTime): DueJobDecision {
  const spec = cronJob.spec!;
  const due = mostRecentScheduleTime(earliestTime(cronJob, status, now, true), now, next);
  const requeue = (actions: CronJobAction[], after: CronJobStatus = status): DueJobDecision => (
    { actions, status: after, requeueAt: nextSyncTime(earliestTime(cronJob, after, now, false), now, next) }
  );
  if (!due.mostRecent) {
    if (due.invalid) return { actions: [cronJobEvents.invalidSchedule(spec.schedule, due.invalid)], status };
    return requeue([]);
  }
  const scheduled = due.mostRecent;
  const warnings = due.missed === 'many' ? [cronJobEvents.tooManyMissed()] : [];
  const name = jobName(cronJob, scheduled);
  const active = status.active ?? [];
  const lastScheduled = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined;
  if (active.some((ref) => ref.name === name) || lastScheduled === scheduled.getTime()) return requeue(warnings);
  if (spec.concurrencyPolicy === 'Forbid' && active.length > 0) return requeue([...warnings, cronJobEvents.alreadyActive()]);

  const replaced: CronJobAction[] = spec.concurrencyPolicy === 'Replace'
    ? active.flatMap((ref) => [{ type: 'DeleteJob', name: ref.name ?? '' } as const, cronJobEvents.deleted(ref.name ?? '')])
    : [];
  const remaining = spec.concurrencyPolicy === 'Replace' ? [] : active;
  const lastScheduleTime = kubeTime(scheduled);
  const existing = namespaceJobs.find((job) => job.metadata.name === name);
  if (!existing) {
    const started = cronJobStatus({ ...status, active: remaining, lastScheduleTime });
    return requeue([...warnings, ...replaced, { type: 'CreateJob', job: jobFromTemplate(cronJob, scheduled) }, cronJobEvents.created(name)], started);
  }
  if (controllerOf(existing)?.uid !== cronJob.metadata.uid) return requeue([...warnings, ...replaced], cronJobStatus({ ...status, active: remaining }));
  const adopted = remaining.some((ref) => ref.uid === existing.metadata.uid) ? remaining : [...remaining, jobReference(existing)];
  return requeue([...warnings, ...replaced], cronJobStatus({ ...status, active: adopted, lastScheduleTime }));
}
