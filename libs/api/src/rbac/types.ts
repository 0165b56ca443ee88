/**
 * The shapes the RBAC decisions read: who asks, what is asked, and the RBAC objects in
 * the store. They mirror k8s.io/apiserver's user.Info and authorizer.Attributes so the
 * api-server's authentication and request-info code can hand them over unchanged.
 */
import type { KubeObject } from '../object.js';

/** Who is asking (from a client certificate, a token, or anonymous). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What is asked, as kube-apiserver's request info resolver derives it. */
export type RequestAttributes =
  | { resourceRequest: true; verb: string; apiGroup: string; apiVersion: string; resource: string; subresource?: string; name?: string; namespace?: string }
  | { resourceRequest: false; verb: string; path: string };

/** The RBAC objects the decision reads (live objects from the store). */
export interface RbacObjects {
  clusterRoles: readonly KubeObject[];
  clusterRoleBindings: readonly KubeObject[];
  roles(namespace: string): readonly KubeObject[];
  roleBindings(namespace: string): readonly KubeObject[];
}

/** rbac/v1 PolicyRule as stored: every list may be absent. */
export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** rbac/v1 Subject. */
export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** The group whose members kube-apiserver allows everything (user.SystemPrivilegedGroup). */
export const SYSTEM_MASTERS = 'system:masters';
