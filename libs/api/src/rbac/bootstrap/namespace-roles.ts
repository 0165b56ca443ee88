/**
 * The default Roles and RoleBindings of kube-system and kube-public in a Kubernetes 1.32
 * cluster (bootstrappolicy namespace_policy.go, golden files testdata/namespace-roles.yaml
 * and namespace-role-bindings.yaml), in the golden files' order.
 */
import type { KubeObject } from '../../object.js';
import { eventsRule, role, roleBinding, rule, serviceAccount, user } from './builders.js';

const leaderLocking = [
  rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'list', 'update', 'watch']),
  rule(['coordination.k8s.io'], ['leasecandidates'], ['create', 'get', 'list', 'update', 'watch']),
];

/** The default namespaced Roles. */
export const defaultRoles: readonly KubeObject[] = [
  role('kube-public', 'system:controller:bootstrap-signer', [
    rule([''], ['configmaps'], ['get', 'list', 'watch']),
    rule([''], ['configmaps'], ['update'], ['cluster-info']),
    eventsRule,
  ]),
  role('kube-system', 'extension-apiserver-authentication-reader', [
    rule([''], ['configmaps'], ['get', 'list', 'watch'], ['extension-apiserver-authentication']),
  ]),
  role('kube-system', 'system::leader-locking-kube-controller-manager', leaderLocking),
  role('kube-system', 'system::leader-locking-kube-scheduler', leaderLocking),
  role('kube-system', 'system:controller:bootstrap-signer', [rule([''], ['secrets'], ['get', 'list', 'watch'])]),
  role('kube-system', 'system:controller:cloud-provider', [rule([''], ['configmaps'], ['create', 'get', 'list', 'watch'])]),
  role('kube-system', 'system:controller:token-cleaner', [
    rule([''], ['secrets'], ['delete', 'get', 'list', 'watch']),
    eventsRule,
  ]),
];

/** The default namespaced RoleBindings. */
export const defaultRoleBindings: readonly KubeObject[] = [
  roleBinding('kube-public', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [serviceAccount('kube-system', 'bootstrap-signer')]),
  roleBinding('kube-system', 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', [
    user('system:kube-controller-manager'), user('system:kube-scheduler'),
  ]),
  roleBinding('kube-system', 'system::leader-locking-kube-controller-manager', 'system::leader-locking-kube-controller-manager', [
    user('system:kube-controller-manager'), serviceAccount('kube-system', 'kube-controller-manager'), serviceAccount('kube-system', 'leader-election-controller'),
  ]),
  roleBinding('kube-system', 'system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', [
    user('system:kube-scheduler'), serviceAccount('kube-system', 'kube-scheduler'),
  ]),
  roleBinding('kube-system', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [serviceAccount('kube-system', 'bootstrap-signer')]),
  roleBinding('kube-system', 'system:controller:cloud-provider', 'system:controller:cloud-provider', [serviceAccount('kube-system', 'cloud-provider')]),
  roleBinding('kube-system', 'system:controller:token-cleaner', 'system:controller:token-cleaner', [serviceAccount('kube-system', 'token-cleaner')]),
];
