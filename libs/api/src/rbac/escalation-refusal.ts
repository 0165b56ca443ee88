/**
 * RBAC's escalation prevention on writes of roles and bindings (pkg/registry/rbac
 * role/clusterrole/rolebinding/clusterrolebinding policybased storage): a user may create
 * or update a Role or ClusterRole only with rules it holds, unless it may `escalate` that
 * kind; and a binding only to a role whose rules it holds, unless it may `bind` that role.
 * system:masters is never refused. Setting (or removing) a ClusterRole's aggregationRule
 * needs every permission, since it can gather anything.
 */
import type { RoleRef } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../object.js';
import type { ClusterRole, Role, RoleBinding } from '../typed-objects.js';
import { quote } from '../selectors/label-validation.js';
import { authorize } from './authorize.js';
import { confirmNoEscalation } from './confirm-no-escalation.js';
import { SYSTEM_MASTERS, type PolicyRule, type RbacObjects, type RequestAttributes, type UserInfo } from './types.js';
import { roleReferenceRules } from './visit-rules.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const fullAuthority: PolicyRule[] = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }];

/** The four kinds the check guards: their resource, whether they live in a namespace, and what a write of one grants (rules, or a role's). */
const guarded: Readonly<Record<string, { plural: string; namespaced: boolean; grants: 'rules' | 'roleRef'; aggregates?: boolean }>> = {
  Role: { plural: 'roles', namespaced: true, grants: 'rules' },
  ClusterRole: { plural: 'clusterroles', namespaced: false, grants: 'rules', aggregates: true },
  RoleBinding: { plural: 'rolebindings', namespaced: true, grants: 'roleRef' },
  ClusterRoleBinding: { plural: 'clusterrolebindings', namespaced: false, grants: 'roleRef' },
};

/** The resource of the roles a binding may refer to. */
const roleResources: Readonly<Record<string, string>> = { Role: 'roles', ClusterRole: 'clusterroles' };

/** The error status the write is answered with: 403, or 404 when a binding's role does not exist. */
export interface EscalationRefusal {
  code: 403 | 404;
  reason: 'Forbidden' | 'NotFound';
  message: string;
  details: { name: string; group: string; kind: string };
}

/** The write being checked: create, or update of `oldObject`; the namespace of the request when the object lacks it. */
export interface EscalationRequest {
  operation: 'create' | 'update';
  oldObject?: KubeObject;
  namespace?: string;
}

/** The authorizer asked whether the user may `escalate` or `bind`; the full chain in kube-apiserver. */
export type AuthorizeFn = (user: UserInfo, attrs: RequestAttributes, rbac: RbacObjects) => { allowed: boolean };

/** Why the write of an RBAC object is refused, or undefined when it may go on. */
export function escalationRefusal(
  user: UserInfo, object: KubeObject, rbac: RbacObjects,
  request: EscalationRequest = { operation: 'create' }, authorizeFn: AuthorizeFn = authorize,
): EscalationRefusal | undefined {
  const kind = Object.hasOwn(guarded, object.kind) ? guarded[object.kind] : undefined;
  if (!kind || user.groups.includes(SYSTEM_MASTERS)) return undefined;
  if (request.operation === 'update' && request.oldObject && onlyGarbageCollectorFieldsChanged(object, request.oldObject)) return undefined;
  const { plural } = kind;
  const name = object.metadata.name ?? '';
  const namespace = kind.namespaced ? request.namespace ?? object.metadata.namespace ?? '' : '';
  const forbidden = (detail: string): EscalationRefusal => ({
    code: 403, reason: 'Forbidden',
    message: `${plural}.${RBAC_GROUP} ${quote(name)} is forbidden: ${detail}`,
    details: { name, group: RBAC_GROUP, kind: plural },
  });

  if (kind.grants === 'rules') {
    const escalate: RequestAttributes = {
      resourceRequest: true, verb: 'escalate', apiGroup: RBAC_GROUP, apiVersion: '*', resource: plural,
      ...(request.operation === 'update' ? { name } : {}), ...(namespace ? { namespace } : {}),
    };
    if (authorizeFn(user, escalate, rbac).allowed) return undefined;
    const missing = confirmNoEscalation(user, namespace, (object as Role).rules ?? [], rbac);
    if (missing) return forbidden(missing);
    if (kind.aggregates && (hasAggregationRule(object) || hasAggregationRule(request.oldObject))
      && confirmNoEscalation(user, namespace, fullAuthority, rbac)) {
      return forbidden('must have cluster-admin privileges to use the aggregationRule');
    }
    return undefined;
  }

  const roleRef: Partial<RoleRef> = (object as RoleBinding).roleRef ?? {};
  const bindResource = roleRef.kind !== undefined && Object.hasOwn(roleResources, roleRef.kind) ? roleResources[roleRef.kind] : undefined;
  if (!bindResource) return undefined;
  const bind: RequestAttributes = {
    resourceRequest: true, verb: 'bind', apiGroup: roleRef.apiGroup ?? '', apiVersion: '', resource: bindResource, name: roleRef.name ?? '',
    ...(namespace ? { namespace } : {}),
  };
  if (authorizeFn(user, bind, rbac).allowed) return undefined;
  const rules = roleReferenceRules(object, namespace, rbac, 'registry');
  if (typeof rules === 'string') {
    return { code: 404, reason: 'NotFound', message: rules, details: { name: roleRef.name ?? '', group: RBAC_GROUP, kind: bindResource } };
  }
  const missing = confirmNoEscalation(user, namespace, rules, rbac);
  return missing ? forbidden(missing) : undefined;
}

function hasAggregationRule(role: KubeObject | undefined): boolean {
  return ((role as ClusterRole | undefined)?.aggregationRule?.clusterRoleSelectors?.length ?? 0) > 0;
}

const garbageCollectorFields = new Set(['ownerReferences', 'finalizers', 'managedFields', 'selfLink']);

/** IsOnlyMutatingGCFields: the update changes nothing but owner references, finalizers and managed fields. */
function onlyGarbageCollectorFieldsChanged(object: KubeObject, old: KubeObject): boolean {
  return JSON.stringify(comparable(object)) === JSON.stringify(comparable(old));
}

function comparable(object: KubeObject): unknown {
  const metadata = Object.fromEntries(Object.entries(object.metadata).filter(([field]) => !garbageCollectorFields.has(field)));
  return canonical({ ...object, metadata });
}

/** Keys sorted and absent, null or empty lists dropped, as Semantic.DeepEqual sees nil and empty alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const fields = Object.entries(value).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0));
  return Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
}
