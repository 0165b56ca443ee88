/**
 * successfulJobsHistoryLimit and failedJobsHistoryLimit (Kubernetes'
 * cleanupFinishedJobs): finished Jobs beyond a limit are deleted, oldest start first.
 * An unset limit keeps everything; Jobs already being deleted are not counted.
 */
import type { Job } from '@kubelab/api';
import type { CronJobSpec } from 'kubernetes-types/batch/v1';
import { finishedCondition } from './finished-condition.js';

/** Oldest first: by status.startTime (Jobs never started last), then by name. */
function byStartTime(a: Job, b: Job): number {
  const start = (job: Job) => (job.status?.startTime ? Date.parse(job.status.startTime) : Infinity);
  return start(a) - start(b) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

function oldestBeyond(jobs: Job[], limit: number | undefined): Job[] {
  if (limit === undefined || jobs.length <= limit) return [];
  return [...jobs].sort(byStartTime).slice(0, jobs.length - limit);
}

/** The finished Jobs to delete: successful ones first, then failed ones, each oldest first. */
export function jobsBeyondHistory(spec: CronJobSpec, jobs: readonly Job[]): Job[] {
  const kept = jobs.filter((job) => !job.metadata.deletionTimestamp);
  return [
    ...oldestBeyond(kept.filter((job) => finishedCondition(job) === 'Complete'), spec.successfulJobsHistoryLimit),
    ...oldestBeyond(kept.filter((job) => finishedCondition(job) === 'Failed'), spec.failedJobsHistoryLimit),
  ];
}
