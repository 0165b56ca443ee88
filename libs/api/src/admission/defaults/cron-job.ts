/**
 * batch/v1 CronJob defaults (SetDefaults_CronJob): concurrency Allow, not suspended, three
 * successful and one failed Job kept, and the defaults of the pod template inside its Job
 * template (the Job's own defaults wait until the controller creates the Job).
 */
import { isPlainObject } from '../../object.js';
import type { CronJob } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { defaultPodTemplate, defaultTemplateMetadata } from './pod-template.js';

/** Fills a CronJob's defaults in place. */
export function defaultCronJob(cronJob: CronJob): void {
  const spec = objectField(cronJob, 'spec');
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobTemplate = objectField(spec, 'jobTemplate');
  defaultTemplateMetadata(jobTemplate);
  if (isPlainObject(jobTemplate.spec)) defaultPodTemplate(jobTemplate.spec.template);
  if (!isPlainObject(cronJob.status)) cronJob.status = {};
}
