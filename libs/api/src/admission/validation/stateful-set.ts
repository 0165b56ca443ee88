/**
 * StatefulSet validation (ValidateStatefulSet / ValidateStatefulSetUpdate): a DNS-label name,
 * pod management and update strategy enums, PVC retention, a required, non-empty selector
 * matching a restartPolicy-Always template, and a spec of which only replicas, ordinals,
 * template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
 */
import type { RollingUpdateStatefulSetStrategy, StatefulSetPersistentVolumeClaimRetentionPolicy, StatefulSetSpec, StatefulSetUpdateStrategy } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { StatefulSet } from '../../typed-objects.js';
import { cloneJson } from '../../object.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child } from './field-path.js';
import { isStruct } from './fields.js';
import { goLabelSelector } from './go-syntax.js';
import { isConvertibleSelector, isEmptySelector, validateLabelSelector } from './label-selector.js';
import { nameIsDNSLabel } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validateSelectorMatchesTemplate } from './pod-template.js';
import { semanticEqual } from './semantic-equal.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSLabel, kubeFinalizers: true };
const RETENTION_POLICIES = ['Retain', 'Delete'];

/** The message kube-apiserver 1.32 gives for a change to any other spec field. */
export const STATEFUL_SET_SPEC_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** The fields ValidateStatefulSetUpdate copies from the old spec before comparing. */
const MUTABLE_FIELDS = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'] as const;

function goIntOrStringPointer(value: unknown): string {
  return value === undefined || value === null ? '(*intstr.IntOrString)(nil)' : '(*intstr.IntOrString)(0xc000000000)';
}

function goRollingUpdate(rollingUpdate: RollingUpdateStatefulSetStrategy | undefined): string {
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${Number(rollingUpdate?.partition ?? 0)}, MaxUnavailable:${goIntOrStringPointer(rollingUpdate?.maxUnavailable)}}`;
}

function goUpdateStrategy(strategy: StatefulSetUpdateStrategy | undefined): string {
  const rollingUpdate = isStruct(strategy?.rollingUpdate) ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)' : '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
  return `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(String(strategy?.type ?? ''))}, RollingUpdate:${rollingUpdate}}`;
}

function validatePodManagementPolicy(policy: unknown): FieldError[] {
  const path = 'spec.podManagementPolicy';
  if (policy === undefined || policy === null || policy === '') return [required(path)];
  return policy === 'OrderedReady' || policy === 'Parallel' ? [] : [invalidValue(path, policy, "must be 'OrderedReady' or 'Parallel'")];
}

function validateUpdateStrategy(strategy: StatefulSetUpdateStrategy | undefined): FieldError[] {
  const path = 'spec.updateStrategy';
  const rollingUpdatePath = child(path, 'rollingUpdate');
  const rollingUpdate = isStruct(strategy?.rollingUpdate) ? strategy?.rollingUpdate : undefined;
  switch (strategy?.type ?? '') {
    case '':
      return [required(path)];
    case 'OnDelete':
      return rollingUpdate ? [invalidRendered(rollingUpdatePath, goRollingUpdate(rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate':
      return rollingUpdate ? validateNonNegative(rollingUpdate.partition, child(rollingUpdatePath, 'partition')) : [];
    default:
      return [invalidRendered(path, goUpdateStrategy(strategy), "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

function validateRetentionPolicy(policy: StatefulSetPersistentVolumeClaimRetentionPolicy | undefined): FieldError[] {
  if (!isStruct(policy)) return [];
  const path = 'spec.persistentVolumeClaimRetentionPolicy';
  return (['whenDeleted', 'whenScaled'] as const).flatMap((field) =>
    RETENTION_POLICIES.includes(policy[field] ?? '') ? [] : [notSupported(child(path, field), policy[field] ?? '', RETENTION_POLICIES)],
  );
}

function validateSelector(selector: LabelSelector | undefined): FieldError[] {
  if (selector === undefined || selector === null) return [required('spec.selector')];
  const errors = validateLabelSelector(selector, 'spec.selector');
  if (isEmptySelector(selector)) errors.push(invalidRendered('spec.selector', goLabelSelector(selector), 'empty selector is invalid for statefulset'));
  return errors;
}

/** ValidatePodTemplateSpecForStatefulSet: labels and annotations only; the pod spec is checked when the pods are created. */
function validateTemplate(spec: Partial<StatefulSetSpec>): FieldError[] {
  const path = 'spec.template';
  if (spec.selector && !isConvertibleSelector(spec.selector)) return [invalidRendered('spec.selector', goLabelSelector(spec.selector), '')];
  const template: PodTemplateSpec = isStruct(spec.template) ? spec.template : {};
  const meta = isStruct(template.metadata) ? template.metadata : {};
  return [
    ...validateSelectorMatchesTemplate(spec.selector, template, path),
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
  ];
}

function validateTemplatePolicies(template: PodTemplateSpec | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const restartPolicy = template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined && template?.spec?.activeDeadlineSeconds !== null) {
    errors.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errors;
}

/** ValidateStatefulSetSpec. */
function validateSpec(spec: Partial<StatefulSetSpec>): FieldError[] {
  return [
    ...validatePodManagementPolicy(spec.podManagementPolicy),
    ...validateUpdateStrategy(spec.updateStrategy),
    ...validateRetentionPolicy(spec.persistentVolumeClaimRetentionPolicy),
    ...validateNonNegative(spec.replicas, 'spec.replicas'),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...(isStruct(spec.ordinals) ? validateNonNegative(spec.ordinals.start, 'spec.ordinals.start') : []),
    ...validateSelector(spec.selector),
    ...validateTemplate(spec),
    ...validateTemplatePolicies(spec.template),
  ];
}

/** Checks a StatefulSet being created. */
export function validateStatefulSetCreate(statefulSet: StatefulSet): FieldError[] {
  return [...validateObjectMeta(statefulSet.metadata, META), ...validateSpec(statefulSet.spec ?? {})];
}

/** Checks a StatefulSet update: the spec outside the mutable fields must stay as it was. */
export function validateStatefulSetUpdate(statefulSet: StatefulSet, old: StatefulSet): FieldError[] {
  const spec: Partial<StatefulSetSpec> = statefulSet.spec ?? {};
  const errors = [...validateObjectMetaUpdate(statefulSet.metadata, old.metadata, META), ...validateSpec(spec)];
  const comparable: Record<string, unknown> = cloneJson(spec);
  const oldSpec: Partial<StatefulSetSpec> = old.spec ?? {};
  for (const field of MUTABLE_FIELDS) {
    if (oldSpec[field] === undefined) delete comparable[field];
    else comparable[field] = oldSpec[field];
  }
  if (!semanticEqual(comparable, old.spec ?? {})) errors.push(forbiddenField('spec', STATEFUL_SET_SPEC_FORBIDDEN));
  return errors;
}
