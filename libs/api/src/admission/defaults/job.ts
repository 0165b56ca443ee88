/**
 * batch/v1 Job defaults (SetDefaults_Job): completions and parallelism, backoff limit,
 * completion mode, suspend, pod replacement policy, manualSelector false, labels taken
 * from the template, and template defaults.
 */
import type { PodFailurePolicy } from 'kubernetes-types/batch/v1';
import { isPlainObject } from '../../object.js';
import type { Job } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { defaultPodTemplate } from './pod-template.js';

const MAX_INT32 = 2147483647;

/** A Job without labels of its own is labelled like its pods (the template's labels). */
export function copyTemplateLabels(job: Job): void {
  const labels = job.spec?.template?.metadata?.labels;
  const own = job.metadata.labels;
  if (isPlainObject(labels) && (!isPlainObject(own) || Object.keys(own).length === 0)) job.metadata.labels = { ...labels };
}

function defaultPodFailurePolicy(policy: PodFailurePolicy): void {
  for (const rule of Array.isArray(policy?.rules) ? policy.rules : []) {
    for (const pattern of Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : []) {
      if (isPlainObject(pattern)) pattern.status ||= 'True';
    }
  }
}

/** Fills a Job's defaults in place. */
export function defaultJob(job: Job): void {
  const spec = objectField(job, 'spec');
  const unset = (value: unknown) => value === undefined || value === null;
  if (unset(spec.completions) && unset(spec.parallelism)) spec.completions = 1;
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = unset(spec.backoffLimitPerIndex) ? 6 : MAX_INT32;
  copyTemplateLabels(job);
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  if (isPlainObject(spec.podFailurePolicy)) defaultPodFailurePolicy(spec.podFailurePolicy);
  spec.podReplacementPolicy ??= isPlainObject(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(job.status)) job.status = {};
}
