/**
 * The kinds kube-apiserver answers without storing: the review kinds (TokenReview,
 * SubjectAccessReview, …), whose reply is the request with a status filled in, and
 * ComponentStatus, read from the control plane's health. Until the lab authenticates and
 * enforces RBAC every caller is the lab's administrator, and the answers say so.
 */
import { invalidValue, required } from './field-errors.js';
import type { KubeObject } from './object.js';
import type { ResourceType } from './registry.js';
import { invalid, type FieldError } from './status.js';

/** The identity every request has until authentication comes: the lab's administrator. */
export const labAdmin = { username: 'kubelab-admin', groups: ['system:masters', 'system:authenticated'] };

const everything = {
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
  incomplete: false,
};

function accessReviewErrors(review: KubeObject, needsSubject: boolean, namespace?: string): FieldError[] {
  const spec = review.spec ?? {};
  const errors: FieldError[] = [];
  if (Boolean(spec.resourceAttributes) === Boolean(spec.nonResourceAttributes)) {
    errors.push(invalidValue('spec.resourceAttributes', spec.resourceAttributes ?? null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  if (needsSubject && !spec.user && !(spec.groups ?? []).length) {
    errors.push(invalidValue('spec.user', spec.user ?? '', 'at least one of user or group must be specified'));
  }
  if (namespace !== undefined && spec.resourceAttributes && spec.resourceAttributes.namespace !== namespace) {
    errors.push(invalidValue('spec.resourceAttributes.namespace', spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
  }
  return errors;
}

/** The status a review kind answers with, or the field errors of a malformed request. */
function reviewStatus(t: ResourceType, review: KubeObject, namespace: string): { status?: object; errors: FieldError[] } {
  switch (t.kind) {
    case 'SubjectAccessReview':
      return { status: { allowed: true }, errors: accessReviewErrors(review, true) };
    case 'LocalSubjectAccessReview':
      return { status: { allowed: true }, errors: accessReviewErrors(review, true, namespace) };
    case 'SelfSubjectAccessReview':
      return { status: { allowed: true }, errors: accessReviewErrors(review, false) };
    case 'SelfSubjectRulesReview':
      return { status: everything, errors: [] };
    case 'SelfSubjectReview':
      return { status: { userInfo: labAdmin }, errors: [] };
    case 'TokenReview':
      return { status: { user: {} }, errors: review.spec?.token ? [] : [required('spec.token')] };
    default:
      return { errors: [] };
  }
}

/** A review request (already decoded against its schema) answered: the request with its status. */
export function answerReview(t: ResourceType, review: KubeObject, namespace: string): KubeObject {
  const { status, errors } = reviewStatus(t, review, namespace);
  if (errors.length > 0) throw invalid(t.kind, t.group, review.metadata?.name ?? '', errors);
  const metadata = { ...(review.metadata ?? {}), ...(t.namespaced ? { namespace } : {}) };
  return { ...review, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, kind: t.kind, metadata, status };
}

/** kube-apiserver's warning on every ComponentStatus read. */
export const componentStatusWarning = 'v1 ComponentStatus is deprecated in v1.19+';

/** The control plane's components as `kubectl get componentstatuses` lists them: the lab's are healthy while it answers. */
export function componentStatuses(): KubeObject[] {
  const healthy = (name: string, message: string): KubeObject => ({
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name },
    conditions: [{ type: 'Healthy', status: 'True', message }],
  });
  return [healthy('scheduler', 'ok'), healthy('controller-manager', 'ok'), healthy('etcd-0', 'ok')];
}
