/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy and binding defaults
 * (SetDefaults_ValidatingAdmissionPolicySpec, ..._MatchResources, ..._Rule): failurePolicy
 * Fail, matchPolicy Equivalent, match-all namespace and object selectors, rules of any scope.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';

function defaultMatchResources(match: any): void {
  if (!isPlainObject(match)) return;
  match.matchPolicy ??= 'Equivalent';
  match.namespaceSelector ??= {};
  match.objectSelector ??= {};
  for (const rules of [match.resourceRules, match.excludeResourceRules]) {
    for (const rule of Array.isArray(rules) ? rules : []) if (isPlainObject(rule)) rule.scope ??= '*';
  }
}

/** Fills a ValidatingAdmissionPolicy's defaults in place. */
export function defaultValidatingAdmissionPolicy(policy: KubeObject): void {
  if (!isPlainObject(policy.spec)) policy.spec = {};
  policy.spec.failurePolicy ??= 'Fail';
  defaultMatchResources(policy.spec.matchConstraints);
}

/** Fills a ValidatingAdmissionPolicyBinding's defaults in place. */
export function defaultValidatingAdmissionPolicyBinding(binding: KubeObject): void {
  if (!isPlainObject(binding.spec)) binding.spec = {};
  defaultMatchResources(binding.spec.matchResources);
}
