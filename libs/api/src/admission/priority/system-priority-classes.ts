/**
 * The PriorityClasses every cluster has (scheduling.k8s.io/v1 SystemPriorityClasses):
 * kube-apiserver creates them at start and reserves the `system-` prefix for them.
 */

/** A built-in PriorityClass: its name, value and description, exactly as kube-apiserver creates it. */
export interface SystemPriorityClass {
  name: string;
  value: number;
  description: string;
}

/** Names with this prefix belong to the built-in classes only. */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';

/** The highest value a PriorityClass that is not built in may have. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;

/** system-node-critical and system-cluster-critical, in Kubernetes' order; neither is the global default. */
export const systemPriorityClasses: readonly SystemPriorityClass[] = [
  {
    name: 'system-node-critical',
    value: SYSTEM_CRITICAL_PRIORITY + 1000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    name: 'system-cluster-critical',
    value: SYSTEM_CRITICAL_PRIORITY,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];
