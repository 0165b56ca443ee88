/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy and binding defaults
 * (SetDefaults_ValidatingAdmissionPolicySpec, ..._MatchResources, ..._Rule): failurePolicy
 * Fail, matchPolicy Equivalent, match-all namespace and object selectors, rules of any scope.
 */
import type { MatchResources } from 'kubernetes-types/admissionregistration/v1';
import { isPlainObject } from '../../object.js';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { defaultRuleScopes } from './webhook-configuration.js';

function defaultMatchResources(match: MatchResources | undefined): void {
  if (!isPlainObject(match)) return;
  match.matchPolicy ??= 'Equivalent';
  match.namespaceSelector ??= {};
  match.objectSelector ??= {};
  defaultRuleScopes(match.resourceRules);
  defaultRuleScopes(match.excludeResourceRules);
}

/** Fills a ValidatingAdmissionPolicy's defaults in place. */
export function defaultValidatingAdmissionPolicy(policy: ValidatingAdmissionPolicy): void {
  const spec = objectField(policy, 'spec');
  spec.failurePolicy ??= 'Fail';
  defaultMatchResources(spec.matchConstraints);
}

/** Fills a ValidatingAdmissionPolicyBinding's defaults in place. */
export function defaultValidatingAdmissionPolicyBinding(binding: ValidatingAdmissionPolicyBinding): void {
  defaultMatchResources(objectField(binding, 'spec').matchResources);
}
