/**
 * status.active against the Jobs that exist (the first half of Kubernetes'
 * syncCronJob): a finished Job leaves it, so does one gone from the cache, and the
 * newest successful completion becomes lastSuccessfulTime. An unfinished Job not in
 * it is either the one this controller created for status.lastScheduleTime, added
 * now (its uid only exists once it was created), or an unexpected one, reported.
 */
import type { CronJob, Job } from '@kubelab/api';
import type { CronJobStatus } from 'kubernetes-types/batch/v1';
import type { CronJobAction } from './cronjob-actions.js';
import { cronJobEvents } from './cronjob-events.js';
import { cronJobStatus } from './cronjob-status.js';
import { finishedCondition } from './finished-condition.js';
import { jobName, jobReference } from './job-from-template.js';

/** The status with active and lastSuccessfulTime brought up to date, and the events on the way. */
export function trackActiveJobs(cronJob: CronJob, status: CronJobStatus, jobs: readonly Job[]): { status: CronJobStatus; events: CronJobAction[] } {
  const events: CronJobAction[] = [];
  let active = status.active ?? [];
  let lastSuccessfulTime = status.lastSuccessfulTime;
  const createdName = status.lastScheduleTime && jobName(cronJob, new Date(status.lastScheduleTime));
  for (const job of jobs) {
    const name = job.metadata.name ?? '';
    const inActive = active.some((ref) => ref.uid === job.metadata.uid);
    const condition = finishedCondition(job);
    if (!condition) {
      if (inActive) continue;
      if (name === createdName) active = [...active, jobReference(job)];
      else events.push(cronJobEvents.unexpected(name));
      continue;
    }
    if (inActive) {
      active = active.filter((ref) => ref.uid !== job.metadata.uid);
      events.push(cronJobEvents.sawCompleted(name, condition));
    }
    const completed = job.status?.completionTime;
    if (condition === 'Complete' && completed && (!lastSuccessfulTime || Date.parse(completed) > Date.parse(lastSuccessfulTime))) {
      lastSuccessfulTime = completed;
    }
  }
  const uids = new Set(jobs.map((job) => job.metadata.uid));
  for (const ref of active.filter((r) => !uids.has(r.uid))) {
    events.push(cronJobEvents.missing(ref.name ?? ''));
    active = active.filter((r) => r !== ref);
  }
  return { status: cronJobStatus({ ...status, active, lastSuccessfulTime }), events };
}
