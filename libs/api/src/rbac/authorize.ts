/**
 * kube-apiserver's authorization decision for a user without a Node identity: members of
 * system:masters are allowed everything (the privileged-group authorizer, which gives no
 * reason), anyone else as RBAC allows (plugin/pkg/auth/authorizer/rbac/rbac.go): the first
 * rule of a binding naming the user that allows the request decides, and the reason names
 * that binding. A denial's reason lists the bindings whose roles could not be found, as
 * `RBAC: ...`, and is empty otherwise.
 */
import { aggregate } from '../selectors/label-validation.js';
import { ruleAllows } from './rule-allows.js';
import { SYSTEM_MASTERS, type RbacObjects, type RequestAttributes, type UserInfo } from './types.js';
import { visitRulesFor } from './visit-rules.js';

/** The decision and the reason kube-apiserver records (and appends to a 403's message when not empty). */
export interface AuthorizationDecision {
  allowed: boolean;
  reason: string;
}

/** Allowed or not, and why, for one request. */
export function authorize(user: UserInfo, attrs: RequestAttributes, rbac: RbacObjects): AuthorizationDecision {
  if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  const namespace = attrs.resourceRequest ? attrs.namespace ?? '' : '';
  const errors: string[] = [];
  for (const visited of visitRulesFor(user, namespace, rbac)) {
    if ('error' in visited) errors.push(visited.error);
    else if (ruleAllows(attrs, visited.rule)) return { allowed: true, reason: `RBAC: allowed by ${visited.source}` };
  }
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${aggregate(errors)}` : '' };
}
