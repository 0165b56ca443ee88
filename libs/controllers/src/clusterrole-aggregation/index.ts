/** The clusterrole-aggregation controller's pure decision. */
export { aggregateClusterRole, aggregatingClusterRoles, type UpdateClusterRoleRules } from './aggregate-cluster-role.js';
