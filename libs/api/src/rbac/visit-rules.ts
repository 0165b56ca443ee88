/**
 * The rules that apply to a user in a namespace, in the order kube-apiserver visits them
 * (rbac/validation rule.go VisitRulesFor): every ClusterRoleBinding naming the user, then,
 * for a namespaced request, every RoleBinding of that namespace naming the user. Each rule
 * comes with the binding that grants it; a binding whose role cannot be found yields an
 * error instead, and visiting goes on.
 */
import type { KubeObject } from '../object.js';
import type { ClusterRoleBinding, Role, RoleBinding } from '../typed-objects.js';
import { quote } from '../selectors/label-validation.js';
import { effectiveClusterRoleRules } from './aggregated-rules.js';
import { describeSubject, subjectFor } from './subjects.js';
import type { PolicyRule, RbacObjects, UserInfo } from './types.js';

/** A rule granted by a binding (source as the authorizer's reason names it), or why a binding grants nothing. */
export type VisitedRule = { source: string; rule: PolicyRule } | { error: string };

/**
 * How a missing role is worded: the authorizer reads informer caches
 * (`role.rbac.authorization.k8s.io "x" not found`), the escalation check reads the
 * registry (`roles.rbac.authorization.k8s.io "x" not found`).
 */
export type RoleLookup = 'cache' | 'registry';

/** The rules of every binding that names the user, lazily, so the authorizer can stop at the first that allows. */
export function* visitRulesFor(user: UserInfo, namespace: string, rbac: RbacObjects, lookup: RoleLookup = 'cache'): Generator<VisitedRule> {
  for (const clusterRoleBinding of rbac.clusterRoleBindings) {
    const binding = clusterRoleBinding as ClusterRoleBinding;
    const subject = subjectFor(user, binding.subjects, '');
    if (!subject) continue;
    const rules = roleReferenceRules(binding, '', rbac, lookup);
    if (typeof rules === 'string') {
      yield { error: rules };
      continue;
    }
    const source = `ClusterRoleBinding ${quote(binding.metadata.name!)} of ${binding.roleRef?.kind} ${quote(binding.roleRef?.name ?? '')} to ${describeSubject(subject, '')}`;
    for (const rule of rules) yield { source, rule };
  }
  if (!namespace) return;
  for (const roleBinding of rbac.roleBindings(namespace)) {
    const binding = roleBinding as RoleBinding;
    const subject = subjectFor(user, binding.subjects, namespace);
    if (!subject) continue;
    const rules = roleReferenceRules(binding, namespace, rbac, lookup);
    if (typeof rules === 'string') {
      yield { error: rules };
      continue;
    }
    const bindingNamespace = binding.metadata.namespace ?? namespace;
    const source = `RoleBinding ${quote(`${binding.metadata.name}/${bindingNamespace}`)} of ${binding.roleRef?.kind} ${quote(binding.roleRef?.name ?? '')} to ${describeSubject(subject, bindingNamespace)}`;
    for (const rule of rules) yield { source, rule };
  }
}

/**
 * The rules a binding's roleRef points at (GetRoleReferenceRules): a Role of the binding's
 * namespace or a ClusterRole; the error message when it cannot be resolved.
 */
export function roleReferenceRules(binding: KubeObject, bindingNamespace: string, rbac: RbacObjects, lookup: RoleLookup): PolicyRule[] | string {
  // A roleRef names a Role or a ClusterRole (GetRoleReferenceRules switches on its kind the same way); anything else resolves to nothing.
  const { kind, name } = (binding as RoleBinding).roleRef ?? {};
  if (kind === 'Role') {
    const role = bindingNamespace ? rbac.roles(bindingNamespace).find((r) => r.metadata.name === name) : undefined;
    return role ? (role as Role).rules ?? [] : notFound(lookup === 'cache' ? 'role' : 'roles', name);
  }
  if (kind === 'ClusterRole') {
    const role = rbac.clusterRoles.find((r) => r.metadata.name === name);
    return role ? effectiveClusterRoleRules(role, rbac.clusterRoles) : notFound(lookup === 'cache' ? 'clusterrole' : 'clusterroles', name);
  }
  return `unsupported role reference kind: ${quote(kind ?? '')}`;
}

function notFound(resource: string, name: string | undefined): string {
  return `${resource}.rbac.authorization.k8s.io ${quote(name ?? '')} not found`;
}
