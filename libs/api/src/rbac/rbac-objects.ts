/**
 * RbacObjects over a plain list of objects of the four RBAC kinds: what tests and the
 * review endpoints use when they have a snapshot of the store rather than its indexes.
 */
import type { KubeObject } from '../object.js';
import type { RbacObjects } from './types.js';

/** Sorts the objects into the four kinds; anything else is ignored. */
export function rbacObjectsOf(objects: readonly KubeObject[]): RbacObjects {
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const roles = ofKind('Role');
  const roleBindings = ofKind('RoleBinding');
  return {
    clusterRoles: ofKind('ClusterRole'),
    clusterRoleBindings: ofKind('ClusterRoleBinding'),
    roles: (namespace) => roles.filter((o) => o.metadata.namespace === namespace),
    roleBindings: (namespace) => roleBindings.filter((o) => o.metadata.namespace === namespace),
  };
}
