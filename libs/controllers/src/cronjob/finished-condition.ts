/** How a Job of a CronJob ended, read with the Job controller's own condition helpers. */
import type { Job } from '@kubelab/api';
import { trueCondition } from '../job/job-conditions.js';

/** 'Complete' or 'Failed' once the Job has that terminal condition, else undefined. */
export function finishedCondition(job: Job): 'Complete' | 'Failed' | undefined {
  const conditions = job.status?.conditions ?? [];
  if (trueCondition(conditions, 'Complete')) return 'Complete';
  if (trueCondition(conditions, 'Failed')) return 'Failed';
  return undefined;
}
