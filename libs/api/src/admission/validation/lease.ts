/**
 * coordination.k8s.io/v1 Lease validation (ValidateLease / ValidateLeaseUpdate):
 * DNS-1123 names and sane durations and transition counts.
 */
import type { LeaseSpec } from 'kubernetes-types/coordination/v1';
import type { Lease } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, notSupported } from '../../field-errors.js';
import { isQualifiedName, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: false };

/** A lease as 1.32 has it: kubernetes-types (1.30) lacks coordinated leader election's fields. */
type LeaseSpecWithStrategy = LeaseSpec & { strategy?: string; preferredHolder?: string };

function validateSpec(spec: LeaseSpecWithStrategy): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0) {
    errors.push(invalidValue('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0) {
    errors.push(invalidValue('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (typeof spec.strategy === 'string') {
    if (!spec.strategy.includes('/')) {
      if (spec.strategy !== 'OldestEmulationVersion') errors.push(notSupported('spec.strategy.strategy', spec.strategy, ['OldestEmulationVersion']));
    } else {
      errors.push(...isQualifiedName(spec.strategy).map((message) => invalidValue('spec.strategy.strategy', spec.strategy, message)));
    }
  }
  if (spec.preferredHolder && !spec.strategy) errors.push(forbiddenField('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  return errors;
}

/** Checks a Lease being created. */
export function validateLeaseCreate(lease: Lease): FieldError[] {
  return [...validateObjectMeta(lease.metadata, META), ...validateSpec(lease.spec ?? {})];
}

/** Checks a Lease update. */
export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata, META), ...validateSpec(lease.spec ?? {})];
}
