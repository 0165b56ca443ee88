/**
 * Job validation (ValidateJob / ValidateJobUpdate): the generated selector and labels,
 * counts and limits, a template whose restartPolicy is OnFailure or Never, and an
 * immutable template, selector and completions once created.
 */
import type { JobSpec } from 'kubernetes-types/batch/v1';
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { cloneJson } from '../../object.js';
import type { Job } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, key } from './field-path.js';
import { isStruct } from './fields.js';
import { goLabelSelector, goStringMap } from './go-syntax.js';
import { isConvertibleSelector, selectorMatches, validateLabelSelector } from './label-selector.js';
import { isDNS1123Label, nameIsDNSSubdomain } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePodTemplateSpec, validateSelectorMatchesTemplate } from './pod-template.js';
import { semanticEqual } from './semantic-equal.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const LEGACY_UID_LABEL = 'controller-uid';
const LEGACY_NAME_LABEL = 'job-name';
const UID_LABEL = 'batch.kubernetes.io/controller-uid';
const NAME_LABEL = 'batch.kubernetes.io/job-name';
const COMPLETION_MODES = ['NonIndexed', 'Indexed'];
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];
const MAX_INDEXED_PARALLELISM = 100000;

function validateHasLabel(labels: Record<string, string>, labelKey: string, expected: string): FieldError[] {
  const path = key('spec.template.metadata.labels', labelKey);
  if (!(labelKey in labels)) return [required(path, `must be '${expected}'`)];
  return labels[labelKey] === expected ? [] : [invalidRendered(path, goStringMap(labels), `must be '${expected}'`)];
}

/** validateGeneratedSelector: unless manualSelector, the template carries the job's uid/name labels and the selector picks them. */
function validateGeneratedSelector(job: Job, requirePrefixedLabels: boolean): FieldError[] {
  const spec: Partial<JobSpec> = job.spec ?? {};
  if (spec.manualSelector === true || !isStruct(spec.selector)) return [];
  const uid = String(job.metadata?.uid ?? '');
  const name = String(job.metadata?.name ?? '');
  const errors: FieldError[] = uid ? [] : [required('metadata.uid')];
  const templateLabels = spec.template?.metadata?.labels;
  const labels = isStruct(templateLabels) ? templateLabels : {};
  const expected: Record<string, string> = { [LEGACY_UID_LABEL]: uid, [LEGACY_NAME_LABEL]: name };
  errors.push(...validateHasLabel(labels, LEGACY_UID_LABEL, uid), ...validateHasLabel(labels, LEGACY_NAME_LABEL, name));
  if (requirePrefixedLabels) {
    errors.push(...validateHasLabel(labels, UID_LABEL, uid), ...validateHasLabel(labels, NAME_LABEL, name));
    Object.assign(expected, { [UID_LABEL]: uid, [NAME_LABEL]: name });
  }
  if (isConvertibleSelector(spec.selector) && !selectorMatches(spec.selector, expected)) {
    errors.push(invalidRendered('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errors;
}

function validateCounts(spec: Partial<JobSpec>): FieldError[] {
  const errors = (['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'] as const).flatMap(
    (field) => validateNonNegative(spec[field], child('spec', field)),
  );
  if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null && (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null)) {
    errors.push(required('spec.backoffLimitPerIndex', 'when maxFailedIndexes is specified'));
  }
  return errors;
}

function validateCompletionMode(spec: Partial<JobSpec>): FieldError[] {
  const mode = spec.completionMode;
  if (mode === undefined || mode === null) return [];
  if (!COMPLETION_MODES.includes(mode)) return [notSupported('spec.completionMode', mode, COMPLETION_MODES)];
  const errors: FieldError[] = [];
  if (mode === 'Indexed') {
    if (spec.completions === undefined || spec.completions === null) errors.push(required('spec.completions', 'when completion mode is Indexed'));
    if (typeof spec.parallelism === 'number' && spec.parallelism > MAX_INDEXED_PARALLELISM) {
      errors.push(invalidValue('spec.parallelism', spec.parallelism, `must be less than or equal to ${MAX_INDEXED_PARALLELISM} when completion mode is Indexed`));
    }
  } else {
    for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes'] as const) {
      if (spec[field] !== undefined && spec[field] !== null) errors.push(invalidValue(child('spec', field), spec[field], 'requires indexed completion mode'));
    }
  }
  return errors;
}

function validateReplacementPolicy(spec: Partial<JobSpec>): FieldError[] {
  const policy = spec.podReplacementPolicy;
  if (policy === undefined || policy === null) return [];
  if (isStruct(spec.podFailurePolicy)) return policy === 'Failed' ? [] : [notSupported('spec.podReplacementPolicy', policy, ['Failed'])];
  return REPLACEMENT_POLICIES.includes(policy) ? [] : [notSupported('spec.podReplacementPolicy', policy, REPLACEMENT_POLICIES)];
}

function validateTemplateRestartPolicy(spec: Partial<JobSpec>): FieldError[] {
  const path = 'spec.template.spec.restartPolicy';
  const policy = spec.template?.spec?.restartPolicy ?? '';
  if (policy === 'Always' || policy === '') return [required(path, 'valid values: "OnFailure", "Never"')];
  if (policy !== 'OnFailure' && policy !== 'Never') return [notSupported(path, policy, ['OnFailure', 'Never'])];
  if (isStruct(spec.podFailurePolicy) && policy !== 'Never') return [invalidValue(path, policy, 'only "Never" is supported when podFailurePolicy is specified')];
  return [];
}

/** validateJobSpec: the rules a Job shares with a CronJob's jobTemplate (counts, modes, template); paths start at `spec`. */
export function validateJobSpecFields(spec: Partial<JobSpec>): FieldError[] {
  return [
    ...validateCounts(spec),
    ...validateCompletionMode(spec),
    ...validateReplacementPolicy(spec),
    ...validatePodTemplateSpec(spec.template, 'spec.template'),
    ...validateTemplateRestartPolicy(spec),
  ];
}

/** ValidateJobSpec: spec fields, template, selector presence and match. */
function validateJobSpec(spec: Partial<JobSpec>): FieldError[] {
  const errors = validateJobSpecFields(spec);
  if (spec.selector === undefined || spec.selector === null) errors.push(required('spec.selector'));
  else errors.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (!spec.selector || isConvertibleSelector(spec.selector)) errors.push(...validateSelectorMatchesTemplate(spec.selector, spec.template, 'spec.template'));
  return errors;
}

function validateIndexedName(job: Job): FieldError[] {
  const spec: Partial<JobSpec> = job.spec ?? {};
  if (spec.completionMode !== 'Indexed' || typeof spec.completions !== 'number' || spec.completions <= 0) return [];
  const hostname = `${job.metadata?.name ?? ''}-${spec.completions - 1}`;
  return isDNS1123Label(hostname).length > 0
    ? [invalidValue('metadata.name', job.metadata?.name ?? '', `will not able to create pod with invalid DNS label: ${hostname}`)]
    : [];
}

function validateJob(job: Job, requirePrefixedLabels: boolean): FieldError[] {
  return [
    ...validateObjectMeta(job.metadata, META),
    ...validateGeneratedSelector(job, requirePrefixedLabels),
    ...validateJobSpec(job.spec ?? {}),
    ...validateIndexedName(job),
  ];
}

/** Checks a Job being created (after applyJobSelector has generated its selector). */
export function validateJobCreate(job: Job): FieldError[] {
  return validateJob(job, true);
}

/** A pod template as the update compares it, its spec as stored (validation has not required its fields). */
type ComparableTemplate = Omit<PodTemplateSpec, 'spec'> & { spec?: Partial<PodSpec> };

/** The old template with the scheduling directives a suspended, never-started job may still change taken from the new one. */
function comparableOldTemplate(job: Job, old: Job): ComparableTemplate {
  const template: ComparableTemplate = cloneJson(old.spec?.template ?? {});
  if (old.spec?.suspend !== true || old.status?.startTime) return template;
  const fresh: PodTemplateSpec = job.spec?.template ?? {};
  template.metadata = { ...(template.metadata ?? {}), labels: fresh.metadata?.labels, annotations: fresh.metadata?.annotations };
  template.spec = { ...(template.spec ?? {}), nodeSelector: fresh.spec?.nodeSelector, tolerations: fresh.spec?.tolerations, schedulingGates: fresh.spec?.schedulingGates };
  if (isStruct(fresh.spec?.affinity) || isStruct(template.spec.affinity)) {
    template.spec.affinity = { ...(template.spec.affinity ?? {}), nodeAffinity: fresh.spec?.affinity?.nodeAffinity };
  }
  return template;
}

function immutable(path: string, fresh: unknown, old: unknown, rendered: string): FieldError[] {
  return semanticEqual(fresh, old) ? [] : [invalidRendered(path, rendered, FIELD_IMMUTABLE)];
}

/** Checks a Job update: template, selector, completions and completion mode are fixed once created. */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const oldLabels = old.spec?.template?.metadata?.labels ?? {};
  const requirePrefixed = UID_LABEL in oldLabels && NAME_LABEL in oldLabels;
  const spec: Partial<JobSpec> = job.spec ?? {};
  const oldSpec: Partial<JobSpec> = old.spec ?? {};
  const errors = [...validateJob(job, requirePrefixed), ...validateObjectMetaUpdate(job.metadata, old.metadata, META), ...validateJobSpec(spec)];
  errors.push(...immutable('spec.completions', spec.completions, oldSpec.completions, spec.completions === undefined || spec.completions === null ? 'null' : String(spec.completions)));
  errors.push(...immutable('spec.selector', spec.selector, oldSpec.selector, goLabelSelector(spec.selector)));
  errors.push(...immutable('spec.template', spec.template, comparableOldTemplate(job, old), `core.PodTemplateSpec${JSON.stringify(spec.template ?? {})}`));
  errors.push(...immutable('spec.completionMode', spec.completionMode, oldSpec.completionMode, JSON.stringify(spec.completionMode ?? null)));
  for (const field of ['podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'] as const) {
    errors.push(...immutable(child('spec', field), spec[field], oldSpec[field], JSON.stringify(spec[field] ?? null)));
  }
  return errors;
}
