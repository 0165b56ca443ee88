/**
 * Small builders for the bootstrap policy, in the spirit of rbacv1helpers.NewRule and
 * bootstrappolicy's addDefaultMetadata: every default object carries the
 * `kubernetes.io/bootstrapping: rbac-defaults` label and the autoupdate annotation, so
 * the tables of roles read like the golden testdata they come from.
 */
import type { KubeObject } from '../../object.js';
import type { PolicyRule, Subject } from '../types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_API_VERSION = `${RBAC_GROUP}/v1`;

/** A rule on resources of API groups, optionally limited to names. */
export function rule(apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): PolicyRule {
  return resourceNames ? { verbs, apiGroups, resources, resourceNames } : { verbs, apiGroups, resources };
}

/** A rule on non-resource URLs. */
export function urls(nonResourceURLs: string[], verbs: string[]): PolicyRule {
  return { verbs, nonResourceURLs };
}

/** The events rule nearly every component holds: create, patch and update in both event groups. */
export const eventsRule = rule(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']);

function defaultMetadata(name: string, namespace?: string, labels: Record<string, string> = {}): KubeObject['metadata'] {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels },
    annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
  };
}

/** A default ClusterRole; `labels` adds aggregation labels. */
export function clusterRole(name: string, rules: PolicyRule[], labels?: Record<string, string>): KubeObject {
  return { apiVersion: RBAC_API_VERSION, kind: 'ClusterRole', metadata: defaultMetadata(name, undefined, labels), rules };
}

/** A default ClusterRole that aggregates the ClusterRoles carrying `selectorLabel: "true"`; its rules are filled by the controller. */
export function aggregatingClusterRole(name: string, selectorLabel: string, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION, kind: 'ClusterRole', metadata: defaultMetadata(name, undefined, labels),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [selectorLabel]: 'true' } }] },
    rules: null,
  };
}

/** A default Role in a namespace. */
export function role(namespace: string, name: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: RBAC_API_VERSION, kind: 'Role', metadata: defaultMetadata(name, namespace), rules };
}

/** A default ClusterRoleBinding of a ClusterRole. */
export function clusterRoleBinding(name: string, roleName: string, subjects: Subject[]): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION, kind: 'ClusterRoleBinding', metadata: defaultMetadata(name),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName },
    ...(subjects.length > 0 ? { subjects } : {}),
  };
}

/** A default RoleBinding of a Role of its namespace. */
export function roleBinding(namespace: string, name: string, roleName: string, subjects: Subject[]): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION, kind: 'RoleBinding', metadata: defaultMetadata(name, namespace),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: roleName },
    subjects,
  };
}

/** A User subject. */
export const user = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: 'User', name });
/** A Group subject. */
export const group = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: 'Group', name });
/** A ServiceAccount subject. */
export const serviceAccount = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });
