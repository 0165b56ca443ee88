/**
 * ReplicaSet validation (ValidateReplicaSet / ValidateReplicaSetUpdate plus the apps/v1
 * strategy's immutable selector).
 */
import type { ReplicaSetSpec } from 'kubernetes-types/apps/v1';
import type { ReplicaSet } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidRendered } from '../../field-errors.js';
import { goLabelSelector } from './go-syntax.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { semanticEqual } from './semantic-equal.js';
import { validateWorkloadSelectorAndTemplate } from './workload-selector.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };

function validateSpec(spec: Partial<ReplicaSetSpec>): FieldError[] {
  return [
    ...validateNonNegative(spec.replicas, 'spec.replicas'),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateWorkloadSelectorAndTemplate(spec, 'spec'),
  ];
}

/** Checks a ReplicaSet being created. */
export function validateReplicaSetCreate(replicaSet: ReplicaSet): FieldError[] {
  return [...validateObjectMeta(replicaSet.metadata, META), ...validateSpec(replicaSet.spec ?? {})];
}

/** Checks a ReplicaSet update; the selector may not change. */
export function validateReplicaSetUpdate(replicaSet: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errors = [...validateObjectMetaUpdate(replicaSet.metadata, old.metadata, META), ...validateSpec(replicaSet.spec ?? {})];
  if (!semanticEqual(replicaSet.spec?.selector, old.spec?.selector)) {
    errors.push(invalidRendered('spec.selector', goLabelSelector(replicaSet.spec?.selector), FIELD_IMMUTABLE));
  }
  return errors;
}
