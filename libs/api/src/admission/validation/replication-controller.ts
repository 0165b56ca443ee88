/**
 * core/v1 ReplicationController validation (ValidateReplicationController / ...Update):
 * a non-empty map selector matching a restartPolicy-Always template, non-negative
 * replicas and minReadySeconds; the selector may change (unlike a ReplicaSet's).
 */
import type { KubeObject } from '../../object.js';
import { isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, notSupported, required } from '../../field-errors.js';
import { child } from './field-path.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePodTemplateSpec, validateSelectorMatchesTemplate } from './pod-template.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };

/** ValidatePodTemplateSpecForRC. */
function validateTemplateForRC(template: unknown, selector: Record<string, string>, path: string): FieldError[] {
  if (!isPlainObject(template)) return [required(path)];
  const errors = [...validateSelectorMatchesTemplate({ matchLabels: selector }, template, path), ...validatePodTemplateSpec(template, path)];
  const spec: any = isPlainObject(template.spec) ? template.spec : {};
  const restartPolicy = spec.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported(child(path, 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errors.push(forbiddenField(child(path, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errors;
}

function validateSpec(spec: any): FieldError[] {
  const selector: Record<string, string> = isPlainObject(spec.selector) ? spec.selector : {};
  const errors = validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds');
  if (Object.keys(selector).length === 0) errors.push(required('spec.selector'));
  errors.push(...validateNonNegative(spec.replicas, 'spec.replicas'));
  errors.push(...validateTemplateForRC(spec.template, selector, 'spec.template'));
  return errors;
}

/** Checks a ReplicationController being created. */
export function validateReplicationControllerCreate(controller: KubeObject): FieldError[] {
  return [...validateObjectMeta(controller.metadata, META), ...validateSpec(isPlainObject(controller.spec) ? controller.spec : {})];
}

/** Checks a ReplicationController update. */
export function validateReplicationControllerUpdate(controller: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(controller.metadata, old.metadata, META), ...validateSpec(isPlainObject(controller.spec) ? controller.spec : {})];
}
