/**
 * What a ValidatingAdmissionPolicy sees of a request: kube-apiserver's admission.Attributes
 * (operation, resource, subresource, kind, namespace, name, the object and the old object,
 * who asks, dry run), and the `request` variable CEL reads, shaped as the admission/v1
 * AdmissionRequest JSON (cel.CreateAdmissionRequest): absent fields omitted as Go's
 * `omitempty` omits them, `userInfo` empty when nobody is known.
 */
import type { KubeObject } from '../../object.js';
import type { UserInfo } from '../../rbac/types.js';

/** The operations an admission rule names. */
export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** One admission request, as the validating admission plugins see it. */
export interface AdmissionRequest {
  operation: AdmissionOperation;
  resource: { group: string; version: string; resource: string };
  subresource: string;
  kind: { group: string; version: string; kind: string };
  /** The request's namespace; for a Namespace itself, its own name (as kube-apiserver sets it). */
  namespace: string;
  /** The name the request names; empty on a create whose name the server makes up. */
  name: string;
  /** The object as written (null on delete). */
  object: KubeObject | null;
  /** The object before the write (null on create). */
  oldObject: KubeObject | null;
  user?: UserInfo;
  dryRun: boolean;
  /** CreateOptions, UpdateOptions or DeleteOptions as sent. */
  options?: Record<string, unknown>;
}

function userInfoJson(user: UserInfo | undefined): Record<string, unknown> {
  if (!user) return {};
  return {
    ...(user.username ? { username: user.username } : {}),
    ...(user.uid ? { uid: user.uid } : {}),
    ...(user.groups.length > 0 ? { groups: user.groups } : {}),
    ...(user.extra && Object.keys(user.extra).length > 0 ? { extra: user.extra } : {}),
  };
}

/** The `request` variable: the AdmissionRequest JSON without object and oldObject (CEL has its own). */
export function requestVariable(request: AdmissionRequest): Record<string, unknown> {
  return {
    uid: '',
    kind: request.kind,
    resource: request.resource,
    ...(request.subresource ? { subResource: request.subresource } : {}),
    requestKind: request.kind,
    requestResource: request.resource,
    ...(request.subresource ? { requestSubResource: request.subresource } : {}),
    ...(request.name ? { name: request.name } : {}),
    ...(request.namespace ? { namespace: request.namespace } : {}),
    operation: request.operation,
    userInfo: userInfoJson(request.user),
    dryRun: request.dryRun,
    ...(request.options ? { options: request.options } : {}),
  };
}
