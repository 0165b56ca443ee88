/**
 * The kinds kube-apiserver answers without storing: the review kinds (TokenReview,
 * SubjectAccessReview, …), whose reply is the request with a status filled in, and
 * ComponentStatus, read from the control plane's health. The reviews are judged by the
 * api-server's authentication and RBAC, handed in as a ReviewJudge.
 */
import type { SelfSubjectRulesReviewSpec, SubjectAccessReviewSpec } from 'kubernetes-types/authorization/v1';
import type { TokenReviewSpec } from 'kubernetes-types/authentication/v1';
import { invalidValue, required } from './field-errors.js';
import type { KubeObject } from './object.js';
import type { RequestAttributes, UserInfo } from './rbac/index.js';
import type { ResourceType } from './registry.js';
import { invalid, type FieldError } from './status.js';

/** The requester a CertificateSigningRequest records: the lab's administrator (a command carries its actor, not the request's user). */
export const labAdmin = { username: 'kubelab-admin', groups: ['system:masters', 'system:authenticated'] };

/** What the reviews ask of the api-server: who is asking, RBAC's decisions and rules, and a token's review. */
export interface ReviewJudge {
  /** The user who sent the review. */
  user: UserInfo;
  /** Whether `user` may do `attrs`, and why. */
  access(user: UserInfo, attrs: RequestAttributes): { allowed: boolean; reason: string };
  /** SelfSubjectRulesReview's status: what `user` may do in `namespace`. */
  rules(user: UserInfo, namespace: string): object;
  /** TokenReview's status for the token in the review (worked out before, as verifying a token is asynchronous). */
  token: object;
}

/** The spec of any review kind answered here, with the fields each reads (all optional until judged). */
type ReviewSpec = Partial<SubjectAccessReviewSpec> & SelfSubjectRulesReviewSpec & TokenReviewSpec;

/** A review's spec; the request was decoded against its kind's schema before it is answered. */
const specOf = (review: KubeObject): ReviewSpec => (review.spec ?? {}) as ReviewSpec;

/** The attributes a SubjectAccessReview's spec asks about. */
function reviewedAttributes(spec: ReviewSpec): RequestAttributes {
  const r = spec.resourceAttributes;
  if (!r) return { resourceRequest: false, verb: spec.nonResourceAttributes?.verb ?? '', path: spec.nonResourceAttributes?.path ?? '' };
  return {
    resourceRequest: true, verb: r.verb ?? '', apiGroup: r.group ?? '', apiVersion: r.version ?? '', resource: r.resource ?? '',
    ...(r.subresource ? { subresource: r.subresource } : {}), ...(r.name ? { name: r.name } : {}), ...(r.namespace ? { namespace: r.namespace } : {}),
  };
}

/** The subject a SubjectAccessReview names (no group is added: the review asks about exactly that user). */
const reviewedUser = (spec: ReviewSpec): UserInfo => ({
  username: spec.user ?? '', groups: spec.groups ?? [], ...(spec.uid ? { uid: spec.uid } : {}), ...(spec.extra ? { extra: spec.extra } : {}),
});

function accessStatus(decision: { allowed: boolean; reason: string }): object {
  return { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
}

function accessReviewErrors(spec: ReviewSpec, needsSubject: boolean, namespace?: string): FieldError[] {
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
function reviewStatus(t: ResourceType, review: KubeObject, namespace: string, judge: ReviewJudge): { status?: object; errors: FieldError[] } {
  const spec = specOf(review);
  const judged = (errors: FieldError[], status: () => object) => (errors.length > 0 ? { errors } : { status: status(), errors });
  switch (t.kind) {
    case 'SubjectAccessReview':
      return judged(accessReviewErrors(spec, true), () => accessStatus(judge.access(reviewedUser(spec), reviewedAttributes(spec))));
    case 'LocalSubjectAccessReview':
      return judged(accessReviewErrors(spec, true, namespace), () => accessStatus(judge.access(reviewedUser(spec), reviewedAttributes(spec))));
    case 'SelfSubjectAccessReview':
      return judged(accessReviewErrors(spec, false), () => accessStatus(judge.access(judge.user, reviewedAttributes(spec))));
    case 'SelfSubjectRulesReview':
      return judged([], () => judge.rules(judge.user, spec.namespace ?? ''));
    case 'SelfSubjectReview':
      return { status: { userInfo: judge.user }, errors: [] };
    case 'TokenReview':
      return judged(spec.token ? [] : [required('spec.token')], () => judge.token);
    default:
      return { errors: [] };
  }
}

/** A review request (already decoded against its schema) answered: the request with its status, as `judge` decides it. */
export function answerReview(t: ResourceType, review: KubeObject, namespace: string, judge: ReviewJudge): KubeObject {
  const { status, errors } = reviewStatus(t, review, namespace, judge);
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
