/**
 * batch/v1 CronJob defaults (SetDefaults_CronJob): concurrency Allow, not suspended, three
 * successful and one failed Job kept, and the defaults of the pod template inside its Job
 * template (the Job's own defaults wait until the controller creates the Job).
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a CronJob's defaults in place. */
export function defaultCronJob(cronJob: KubeObject): void {
  if (!isPlainObject(cronJob.spec)) cronJob.spec = {};
  const spec = cronJob.spec;
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobTemplate = isPlainObject(spec.jobTemplate) ? spec.jobTemplate : (spec.jobTemplate = {});
  if (!isPlainObject(jobTemplate.metadata)) jobTemplate.metadata = {};
  if (!('creationTimestamp' in jobTemplate.metadata)) jobTemplate.metadata.creationTimestamp = null;
  if (isPlainObject(jobTemplate.spec)) defaultPodTemplate(jobTemplate.spec.template);
  if (!isPlainObject(cronJob.status)) cronJob.status = {};
}
