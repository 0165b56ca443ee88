/** RBAC as kube-apiserver 1.32 decides it: authorization, its 403 wording, the default policy and aggregation. */
export type { PolicyRule, RbacObjects, RequestAttributes, Subject, UserInfo } from './types.js';
export { SYSTEM_MASTERS } from './types.js';
export { authorize, type AuthorizationDecision } from './authorize.js';
export { forbiddenMessage } from './forbidden-message.js';
export { aggregatedRules } from './aggregated-rules.js';
export { sameRules } from './rule-equality.js';
export { serviceAccountUsername } from './subjects.js';
export { rbacObjectsOf } from './rbac-objects.js';
export { bootstrapPolicy, type BootstrapPolicy } from './bootstrap-policy.js';
export { controllerServiceAccount } from './bootstrap/controller-roles.js';
export { metricsServerClusterRoles } from './bootstrap/metrics-server.js';
export { rulesReview, type NonResourceRule, type ResourceRule, type SubjectRulesReviewStatus } from './rules-review.js';
export { escalationRefusal, type AuthorizeFn, type EscalationRefusal, type EscalationRequest } from './escalation-refusal.js';
export { authorizeNode, nodeOfUser, podReferences, type NodeDecision, type NodeGraph, type PodOnNode, type PodReferences } from './node-authorizer.js';
