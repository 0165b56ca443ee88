/**
 * rbac.authorization.k8s.io/v1 defaults (SetDefaults_RoleBinding, ..._ClusterRoleBinding,
 * ..._Subject): roleRef and User/Group subjects belong to the RBAC group unless told.
 */
import { isPlainObject } from '../../object.js';
import type { ClusterRoleBinding, RoleBinding } from '../../typed-objects.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Fills a RoleBinding's or ClusterRoleBinding's defaults in place. */
export function defaultRoleBinding(binding: RoleBinding | ClusterRoleBinding): void {
  if (isPlainObject(binding.roleRef) && !binding.roleRef.apiGroup) binding.roleRef.apiGroup = RBAC_GROUP;
  for (const subject of Array.isArray(binding.subjects) ? binding.subjects : []) {
    if (isPlainObject(subject) && !subject.apiGroup && (subject.kind === 'User' || subject.kind === 'Group')) subject.apiGroup = RBAC_GROUP;
  }
}
