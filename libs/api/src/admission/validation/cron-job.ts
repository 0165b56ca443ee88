/**
 * CronJob validation (ValidateCronJobCreate / ValidateCronJobUpdate): a name short enough for
 * the Jobs it names (`<name>-<minutes>`), a robfig/cron schedule without TZ=, an IANA time
 * zone, the concurrency policy, history limits, and a Job template whose selector the Job
 * will generate.
 */
import type { CronJobSpec, JobSpec, JobTemplateSpec } from 'kubernetes-types/batch/v1';
import type { CronJob } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { parseCronSchedule } from './cron-schedule.js';
import { isStruct } from './fields.js';
import { goLabelSelector } from './go-syntax.js';
import { validateJobSpecFields } from './job.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validateTimeZone } from './time-zone.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
/** 63 (a Job name) minus the 11 characters of `-<scheduled minutes>` the controller appends. */
const MAX_NAME_LENGTH = 52;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

function validateSchedule(schedule: string, allowTimeZoneInSchedule: boolean, timeZone: unknown): FieldError[] {
  const path = 'spec.schedule';
  const parsed = parseCronSchedule(schedule);
  const errors = parsed.ok ? [] : parsed.errors.map((message) => invalidValue(path, schedule, message));
  if (schedule.includes('TZ')) {
    if (!allowTimeZoneInSchedule) errors.push(invalidValue(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    else if (typeof timeZone === 'string') errors.push(invalidValue(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  }
  return errors;
}

function validateConcurrencyPolicy(policy: unknown): FieldError[] {
  const path = 'spec.concurrencyPolicy';
  if (policy === undefined || policy === null || policy === '') return [required(path)];
  return CONCURRENCY_POLICIES.includes(String(policy)) ? [] : [notSupported(path, policy, CONCURRENCY_POLICIES)];
}

/** ValidateJobTemplateSpec: the Job spec rules under spec.jobTemplate, and no selector of its own. */
function validateJobTemplate(jobTemplate: JobTemplateSpec | undefined): FieldError[] {
  const spec: Partial<JobSpec> = isStruct(jobTemplate) && isStruct(jobTemplate.spec) ? jobTemplate.spec : {};
  const errors = validateJobSpecFields(spec).map((error) => ({ ...error, field: `spec.jobTemplate.${error.field}` }));
  if (spec.selector !== undefined && spec.selector !== null) {
    errors.push(invalidRendered('spec.jobTemplate.spec.selector', goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  }
  if (spec.manualSelector === true) errors.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  return errors;
}

/** validateCronJobSpec; `old` is the spec being replaced, on update. */
function validateSpec(spec: Partial<CronJobSpec>, old: Partial<CronJobSpec> | undefined): FieldError[] {
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  const errors = schedule === ''
    ? [required('spec.schedule')]
    : validateSchedule(schedule, typeof old?.schedule === 'string' && old.schedule.includes('TZ'), spec.timeZone);
  errors.push(...validateNonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (old === undefined || old.timeZone !== spec.timeZone) errors.push(...validateTimeZone(spec.timeZone, 'spec.timeZone'));
  errors.push(
    ...validateConcurrencyPolicy(spec.concurrencyPolicy),
    ...validateJobTemplate(spec.jobTemplate),
    ...validateNonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'),
    ...validateNonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'),
  );
  return errors;
}

/** Checks a CronJob being created. */
export function validateCronJobCreate(cronJob: CronJob): FieldError[] {
  const errors = [...validateObjectMeta(cronJob.metadata, META), ...validateSpec(cronJob.spec ?? {}, undefined)];
  const name = cronJob.metadata?.name ?? '';
  if (name.length > MAX_NAME_LENGTH) errors.push(invalidValue('metadata.name', name, `must be no more than ${MAX_NAME_LENGTH} characters`));
  return errors;
}

/** Checks a CronJob update; longer names created before the limit may still be updated. */
export function validateCronJobUpdate(cronJob: CronJob, old: CronJob): FieldError[] {
  return [...validateObjectMetaUpdate(cronJob.metadata, old.metadata, META), ...validateSpec(cronJob.spec ?? {}, old.spec ?? {})];
}
