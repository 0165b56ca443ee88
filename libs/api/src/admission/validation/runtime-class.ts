/**
 * node.k8s.io/v1 RuntimeClass validation (ValidateRuntimeClass / ...Update): a DNS-label
 * handler that never changes, and a well-formed scheduling node selector.
 */
import type { RuntimeClass } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidValue } from '../../field-errors.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: true };

/** Checks a RuntimeClass being created. */
export function validateRuntimeClassCreate(runtimeClass: RuntimeClass): FieldError[] {
  const handler = String(runtimeClass.handler ?? '');
  return [
    ...validateObjectMeta(runtimeClass.metadata, META),
    ...nameIsDNSLabel(handler, false).map((message) => invalidValue('handler', handler, message)),
    ...validateLabels(runtimeClass.scheduling?.nodeSelector, 'scheduling.nodeSelector'),
  ];
}

/** Checks a RuntimeClass update: the handler is fixed for life. */
export function validateRuntimeClassUpdate(runtimeClass: RuntimeClass, old: RuntimeClass): FieldError[] {
  const errors = validateObjectMetaUpdate(runtimeClass.metadata, old.metadata, META);
  const handler = String(runtimeClass.handler ?? '');
  if (handler !== String(old.handler ?? '')) errors.push(invalidValue('handler', handler, FIELD_IMMUTABLE));
  return [...errors, ...validateRuntimeClassCreate(runtimeClass)];
}
