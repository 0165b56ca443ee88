/**
 * A SelfSubjectRulesReview's status as kube-apiserver 1.32 fills it: the rule resolvers
 * of its authorizer chain in order (Node, then RBAC; the system:masters authorizer
 * resolves no rules, so a member sees what RBAC grants it, cluster-admin through the
 * default binding). RBAC lists the rules of every binding naming the user, a rule with
 * resources as a resource rule and one with URLs as a non-resource rule; a binding whose
 * role is missing becomes an evaluation error. A node is "incomplete": the Node authorizer
 * cannot list what it allows.
 */
import { aggregate } from '../selectors/label-validation.js';
import type { PolicyRule, RbacObjects, UserInfo } from './types.js';
import { visitRulesFor } from './visit-rules.js';

/** authorization/v1 ResourceRule. */
export interface ResourceRule {
  verbs: string[] | null;
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/** authorization/v1 NonResourceRule. */
export interface NonResourceRule {
  verbs: string[] | null;
  nonResourceURLs?: string[];
}

/** authorization/v1 SubjectRulesReviewStatus. */
export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

const NODE_USERNAME_PREFIX = 'system:node:';
const NODES_GROUP = 'system:nodes';

/** What the user may do in the namespace, as `kubectl auth can-i --list` shows it. */
export function rulesReview(user: UserInfo, namespace: string, rbac: RbacObjects): SubjectRulesReviewStatus {
  const errors: string[] = [];
  const isNode = user.username.startsWith(NODE_USERNAME_PREFIX) && user.groups.includes(NODES_GROUP);
  if (isNode) errors.push('node authorizer does not support user rule resolution');
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  for (const visited of visitRulesFor(user, namespace, rbac)) {
    if ('error' in visited) {
      errors.push(visited.error);
      continue;
    }
    const { rule } = visited;
    if (nonEmpty(rule.resources)) resourceRules.push(resourceRule(rule));
    if (nonEmpty(rule.nonResourceURLs)) nonResourceRules.push({ verbs: rule.verbs ?? null, nonResourceURLs: [...rule.nonResourceURLs!] });
  }
  return {
    resourceRules,
    nonResourceRules,
    incomplete: isNode,
    ...(errors.length > 0 ? { evaluationError: aggregate(errors) } : {}),
  };
}

function resourceRule(rule: PolicyRule): ResourceRule {
  return {
    verbs: rule.verbs ?? null,
    ...(nonEmpty(rule.apiGroups) ? { apiGroups: [...rule.apiGroups!] } : {}),
    resources: [...rule.resources!],
    ...(nonEmpty(rule.resourceNames) ? { resourceNames: [...rule.resourceNames!] } : {}),
  };
}

function nonEmpty(list: readonly string[] | undefined): boolean {
  return (list?.length ?? 0) > 0;
}
