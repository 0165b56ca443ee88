/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished) as a decision: a
 * Job that finished (Complete or Failed) and sets ttlSecondsAfterFinished is deleted once
 * that many seconds have passed since it finished; before then, look again when they have.
 * Its own controller, as upstream, because deleting Jobs is its role's grant, not the Job
 * controller's.
 */
import type { Job } from '@kubelab/api';
import { scaledMs, type JobClock } from '../job/job-clock.js';
import { trueCondition } from '../job/job-conditions.js';

/** What to do about one Job: delete it now, or wait `requeueAfterMs` (wall ms); neither when it never expires. */
export interface JobExpiry {
  deleteJob: boolean;
  requeueAfterMs?: number;
}

/** When the Job finished (wall ms): its completionTime, else its terminal condition's transition; NaN while it runs. */
function finishedAt(job: Job): number {
  const conditions = job.status?.conditions ?? [];
  const terminal = trueCondition(conditions, 'Complete') ?? trueCondition(conditions, 'Failed');
  if (!terminal) return NaN;
  return Date.parse(job.status?.completionTime ?? terminal.lastTransitionTime ?? '');
}

/** processJob's decision: a Job being deleted, unfinished or without a TTL is left alone. */
export function expireFinishedJob(job: Job, clock: JobClock): JobExpiry {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  const finished = finishedAt(job);
  if (typeof ttl !== 'number' || Number.isNaN(finished) || job.metadata.deletionTimestamp) return { deleteJob: false };
  const remainingMs = finished + scaledMs(ttl, clock) - clock.now.getTime();
  return remainingMs <= 0 ? { deleteJob: true } : { deleteJob: false, requeueAfterMs: remainingMs };
}
