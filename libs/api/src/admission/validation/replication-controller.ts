/**
 * core/v1 ReplicationController validation (ValidateReplicationController / ...Update):
 * a non-empty map selector matching a restartPolicy-Always template, non-negative
 * replicas and minReadySeconds; the selector may change (unlike a ReplicaSet's).
 */
import type { PodSpec, PodTemplateSpec, ReplicationControllerSpec } from 'kubernetes-types/core/v1';
import type { ReplicationController } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, notSupported, required } from '../../field-errors.js';
import { child } from './field-path.js';
import { isStruct } from './fields.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePodTemplateSpec, validateSelectorMatchesTemplate } from './pod-template.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };

/** ValidatePodTemplateSpecForRC. */
function validateTemplateForRC(template: PodTemplateSpec | undefined, selector: Record<string, string>, path: string): FieldError[] {
  if (!isStruct(template)) return [required(path)];
  const errors = [...validateSelectorMatchesTemplate({ matchLabels: selector }, template, path), ...validatePodTemplateSpec(template, path)];
  const spec: Partial<PodSpec> = isStruct(template.spec) ? template.spec : {};
  const restartPolicy = spec.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported(child(path, 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errors.push(forbiddenField(child(path, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errors;
}

function validateSpec(spec: ReplicationControllerSpec): FieldError[] {
  const selector = isStruct(spec.selector) ? spec.selector : {};
  const errors = validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds');
  if (Object.keys(selector).length === 0) errors.push(required('spec.selector'));
  errors.push(...validateNonNegative(spec.replicas, 'spec.replicas'));
  errors.push(...validateTemplateForRC(spec.template, selector, 'spec.template'));
  return errors;
}

/** Checks a ReplicationController being created. */
export function validateReplicationControllerCreate(controller: ReplicationController): FieldError[] {
  return [...validateObjectMeta(controller.metadata, META), ...validateSpec(isStruct(controller.spec) ? controller.spec : {})];
}

/** Checks a ReplicationController update. */
export function validateReplicationControllerUpdate(controller: ReplicationController, old: ReplicationController): FieldError[] {
  return [...validateObjectMetaUpdate(controller.metadata, old.metadata, META), ...validateSpec(isStruct(controller.spec) ? controller.spec : {})];
}
