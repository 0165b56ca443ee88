/**
 * The RBAC objects a new Kubernetes 1.32 cluster starts with (kube-apiserver's
 * rbac/bootstrap-roles post-start hook writes them): without them nobody but
 * system:masters could even discover the API. Read by the api-server at start and by
 * tests that need a realistic policy.
 */
import type { KubeObject } from '../object.js';
import { defaultClusterRoleBindings } from './bootstrap/cluster-role-bindings.js';
import { defaultClusterRoles } from './bootstrap/cluster-roles.js';
import { controllerRoleBindings, controllerRoles } from './bootstrap/controller-roles.js';
import { defaultRoleBindings, defaultRoles } from './bootstrap/namespace-roles.js';

/** The default policy, grouped by kind; cluster-wide lists hold the controller roles and bindings after the others. */
export interface BootstrapPolicy {
  clusterRoles: readonly KubeObject[];
  clusterRoleBindings: readonly KubeObject[];
  roles: readonly KubeObject[];
  roleBindings: readonly KubeObject[];
}

/** The default policy objects, to be deep-copied before being stored. */
export const bootstrapPolicy: BootstrapPolicy = {
  clusterRoles: [...defaultClusterRoles, ...controllerRoles],
  clusterRoleBindings: [...defaultClusterRoleBindings, ...controllerRoleBindings],
  roles: defaultRoles,
  roleBindings: defaultRoleBindings,
};
