/**
 * The clusterrole-aggregation controller (pkg/controller/clusterroleaggregation) as a
 * decision: a ClusterRole with an aggregationRule holds the union of the rules of the
 * ClusterRoles its selectors match, in the controller's order (selector by selector,
 * matching roles by name, each rule once), and is rewritten only when that differs from
 * what it holds. This is how admin, edit and view get their rules in every cluster.
 * A selected role that aggregates too contributes what it aggregates, so one pass gives
 * what kube-controller-manager reaches after its chain of syncs.
 */
import { aggregatedRules, cloneJson, sameRules, type ClusterRole, type KubeObject } from '@kubelab/api';

/** The write the controller makes: the ClusterRole with its aggregated rules. */
export interface UpdateClusterRoleRules {
  type: 'UpdateClusterRoleRules';
  /** The RBAC rules the api-server aggregates may leave verbs out, which kubernetes-types' ClusterRole does not allow. */
  clusterRole: KubeObject;
}

/** What one ClusterRole needs, given every ClusterRole: nothing, or its rules rewritten. */
export function aggregateClusterRole(clusterRole: ClusterRole | undefined, all: readonly ClusterRole[]): UpdateClusterRoleRules | undefined {
  if (!clusterRole) return undefined;
  const rules = aggregatedRules(clusterRole, all);
  if (!rules || sameRules(rules, clusterRole.rules)) return undefined;
  return { type: 'UpdateClusterRoleRules', clusterRole: { ...clusterRole, rules: cloneJson(rules) } };
}

/** The names of the ClusterRoles that aggregate: what a change of any ClusterRole may affect. */
export function aggregatingClusterRoles(all: readonly ClusterRole[]): string[] {
  return all.filter((role) => role.aggregationRule).map((role) => role.metadata.name!);
}
