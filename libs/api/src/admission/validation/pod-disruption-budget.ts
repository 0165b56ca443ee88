/**
 * policy/v1 PodDisruptionBudget validation (ValidatePodDisruptionBudget): minAvailable
 * or maxUnavailable (not both, each a non-negative int or a percentage up to 100%), a
 * well-formed selector and a known unhealthyPodEvictionPolicy. The strategy checks no
 * metadata itself: the generic store then checks it with path-segment names.
 */
import type { PodDisruptionBudgetSpec } from 'kubernetes-types/policy/v1';
import type { PodDisruptionBudget } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidRendered, notSupported } from '../../field-errors.js';
import { isStruct } from './fields.js';
import { goLabelSelector } from './go-syntax.js';
import { goIntOrString, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.js';
import { validateLabelSelector } from './label-selector.js';
import { nameIsPathSegment } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: true, name: nameIsPathSegment, kubeFinalizers: false };
const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

const has = (value: unknown) => value !== undefined && value !== null;
const goPointer = <T>(type: string, value: T | undefined, render: (v: T) => string) => (has(value) ? `(*${type})(${render(value)})` : `(*${type})(nil)`);

/** The spec as `%#v` prints it (pointers shown by their value, which Go would print as an address). */
function goSpec(spec: PodDisruptionBudgetSpec): string {
  return (
    `policy.PodDisruptionBudgetSpec{MinAvailable:${goPointer('intstr.IntOrString', spec.minAvailable, goIntOrString)}, ` +
    `Selector:${goPointer('v1.LabelSelector', spec.selector, goLabelSelector)}, ` +
    `MaxUnavailable:${goPointer('intstr.IntOrString', spec.maxUnavailable, goIntOrString)}, ` +
    `UnhealthyPodEvictionPolicy:${goPointer('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy, (v) => JSON.stringify(v))}}`
  );
}

function validateSpec(spec: PodDisruptionBudgetSpec): FieldError[] {
  const errors: FieldError[] = [];
  if (has(spec.minAvailable) && has(spec.maxUnavailable)) errors.push(invalidRendered('spec', goSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  for (const fieldName of ['minAvailable', 'maxUnavailable'] as const) {
    if (!has(spec[fieldName])) continue;
    errors.push(...validatePositiveIntOrPercent(spec[fieldName], `spec.${fieldName}`), ...validateNotMoreThan100Percent(spec[fieldName], `spec.${fieldName}`));
  }
  errors.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (has(policy) && !EVICTION_POLICIES.includes(String(policy))) errors.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, EVICTION_POLICIES));
  return errors;
}

/** Checks a PodDisruptionBudget being created: the spec, then (when it passes) the metadata. */
export function validatePodDisruptionBudgetCreate(pdb: PodDisruptionBudget): FieldError[] {
  const errors = validateSpec(isStruct(pdb.spec) ? pdb.spec : {});
  return errors.length > 0 ? errors : validateObjectMeta(pdb.metadata, META);
}

/** Checks a PodDisruptionBudget update: the store's metadata rules together with the spec's (which may change since 1.15). */
export function validatePodDisruptionBudgetUpdate(pdb: PodDisruptionBudget, old: PodDisruptionBudget): FieldError[] {
  return [...validateObjectMetaUpdate(pdb.metadata, old.metadata, META), ...validateSpec(isStruct(pdb.spec) ? pdb.spec : {})];
}
