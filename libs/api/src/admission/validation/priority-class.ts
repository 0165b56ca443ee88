/**
 * scheduling.k8s.io/v1 PriorityClass validation (ValidatePriorityClass /
 * ValidatePriorityClassUpdate): the `system-` prefix is reserved for the built-in
 * classes, user classes stay at or below 1000000000, and value and preemptionPolicy
 * never change.
 */
import type { PriorityClass } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, notSupported, required } from '../../field-errors.js';
import { HIGHEST_USER_DEFINABLE_PRIORITY, SYSTEM_PRIORITY_CLASS_PREFIX, systemPriorityClasses } from '../priority/system-priority-classes.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { nameIsDNSSubdomain } from './name-formats.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: true };
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

/** Why a `system-` class is not one of the built-in ones (IsKnownSystemPriorityClass), or undefined. */
function unknownSystemClass(name: string, value: unknown, globalDefault: boolean): string | undefined {
  const known = systemPriorityClasses.find((c) => c.name === name);
  if (!known) return `${name} is not a known system priority class`;
  if (known.value !== value) return `value of ${known.name} PriorityClass must be ${known.value}`;
  if (globalDefault) return `globalDefault of ${known.name} PriorityClass must be false`;
  return undefined;
}

function validateValue(priorityClass: PriorityClass): FieldError[] {
  const name = priorityClass.metadata.name ?? '';
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const why = unknownSystemClass(name, priorityClass.value, priorityClass.globalDefault === true);
    return why ? [forbiddenField('metadata.name', `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${why}`)] : [];
  }
  if (Number(priorityClass.value) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    return [forbiddenField('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`)];
  }
  return [];
}

function validatePreemptionPolicy(policy: unknown): FieldError[] {
  if (policy === undefined || policy === null) return [];
  if (policy === '') return [required('preemptionPolicy')];
  return PREEMPTION_POLICIES.includes(String(policy)) ? [] : [notSupported('preemptionPolicy', policy, PREEMPTION_POLICIES)];
}

/** Checks a PriorityClass being created. */
export function validatePriorityClassCreate(priorityClass: PriorityClass): FieldError[] {
  return [...validateObjectMeta(priorityClass.metadata, META), ...validateValue(priorityClass), ...validatePreemptionPolicy(priorityClass.preemptionPolicy)];
}

/** Checks a PriorityClass update: metadata rules, and value and preemptionPolicy kept. */
export function validatePriorityClassUpdate(priorityClass: PriorityClass, old: PriorityClass): FieldError[] {
  const errors = validateObjectMetaUpdate(priorityClass.metadata, old.metadata, META);
  if (priorityClass.value !== old.value) errors.push(forbiddenField('value', 'may not be changed in an update.'));
  if (priorityClass.preemptionPolicy !== old.preemptionPolicy) errors.push(invalidValue('preemptionPolicy', priorityClass.preemptionPolicy, FIELD_IMMUTABLE));
  return errors;
}
