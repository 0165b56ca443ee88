import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import type { ClusterRoleBinding } from '../typed-objects.js';
import { bootstrapPolicy } from './bootstrap-policy.js';

const named = (list: readonly KubeObject[], name: string) => list.find((o) => o.metadata.name === name);

describe('bootstrapPolicy', () => {
  it('labels and annotates every object as kube-apiserver does', () => {
    for (const o of [...bootstrapPolicy.clusterRoles, ...bootstrapPolicy.clusterRoleBindings, ...bootstrapPolicy.roles, ...bootstrapPolicy.roleBindings]) {
      expect(o.metadata.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      expect(o.metadata.annotations).toEqual({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
      expect(o.apiVersion).toBe('rbac.authorization.k8s.io/v1');
    }
  });

  it('holds each name once per kind and namespace', () => {
    for (const list of Object.values(bootstrapPolicy) as KubeObject[][]) {
      const keys = list.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('has the golden file\'s cluster roles', () => {
    expect(bootstrapPolicy.clusterRoles.filter((r) => !r.metadata.name!.startsWith('system:controller:')).map((r) => r.metadata.name)).toEqual([
      'admin', 'cluster-admin', 'edit', 'system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view',
      'system:auth-delegator', 'system:basic-user',
      'system:certificates.k8s.io:certificatesigningrequests:nodeclient', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
      'system:certificates.k8s.io:kube-apiserver-client-approver', 'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
      'system:certificates.k8s.io:kubelet-serving-approver', 'system:certificates.k8s.io:legacy-unknown-approver',
      'system:discovery', 'system:heapster', 'system:kube-aggregator', 'system:kube-controller-manager', 'system:kube-dns',
      'system:kube-scheduler', 'system:kubelet-api-admin', 'system:monitoring', 'system:node', 'system:node-bootstrapper',
      'system:node-problem-detector', 'system:node-proxier', 'system:persistent-volume-provisioner', 'system:public-info-viewer',
      'system:service-account-issuer-discovery', 'system:volume-scheduler', 'view',
    ]);
  });

  it('makes cluster-admin everything, and admin, edit, view aggregations whose rules the controller fills', () => {
    expect(named(bootstrapPolicy.clusterRoles, 'cluster-admin')).toMatchObject({
      rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }],
    });
    expect(named(bootstrapPolicy.clusterRoles, 'admin')).toMatchObject({
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] }, rules: null,
    });
    expect(named(bootstrapPolicy.clusterRoles, 'edit')?.metadata.labels).toEqual({ 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' });
    expect(named(bootstrapPolicy.clusterRoles, 'view')?.metadata.labels).toEqual({ 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' });
    expect(named(bootstrapPolicy.clusterRoles, 'system:certificates.k8s.io:kubelet-serving-approver')?.rules).toEqual([
      { verbs: ['approve'], apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['kubernetes.io/kubelet-serving'] },
    ]);
  });

  it('binds the defaults as the golden file does', () => {
    const subjectsOf = (name: string) => (named(bootstrapPolicy.clusterRoleBindings, name) as ClusterRoleBinding | undefined)?.subjects;
    expect(subjectsOf('cluster-admin')).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
    expect(subjectsOf('system:basic-user')).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }]);
    expect(subjectsOf('system:public-info-viewer')?.map((s: { name: string }) => s.name)).toEqual(['system:authenticated', 'system:unauthenticated']);
    expect(subjectsOf('system:kube-scheduler')).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:kube-scheduler' }]);
    expect(named(bootstrapPolicy.clusterRoleBindings, 'system:node')).toMatchObject({ roleRef: { kind: 'ClusterRole', name: 'system:node' } });
    expect(subjectsOf('system:node')).toBeUndefined();
  });

  it('binds each controller role to its ServiceAccount in kube-system', () => {
    const controllerRoles = bootstrapPolicy.clusterRoles.filter((r) => r.metadata.name!.startsWith('system:controller:'));
    expect(controllerRoles.length).toBeGreaterThan(30);
    expect(named(bootstrapPolicy.clusterRoleBindings, 'system:controller:replicaset-controller')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:controller:replicaset-controller' },
      subjects: [{ kind: 'ServiceAccount', name: 'replicaset-controller', namespace: 'kube-system' }],
    });
    for (const r of controllerRoles) expect(named(bootstrapPolicy.clusterRoleBindings, r.metadata.name!)).toBeDefined();
  });

  it('has the kube-system and kube-public roles and bindings', () => {
    expect(bootstrapPolicy.roles.map((r) => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual([
      'kube-public/system:controller:bootstrap-signer', 'kube-system/extension-apiserver-authentication-reader',
      'kube-system/system::leader-locking-kube-controller-manager', 'kube-system/system::leader-locking-kube-scheduler',
      'kube-system/system:controller:bootstrap-signer', 'kube-system/system:controller:cloud-provider', 'kube-system/system:controller:token-cleaner',
    ]);
    expect(named(bootstrapPolicy.roleBindings, 'system::extension-apiserver-authentication-reader')).toMatchObject({
      metadata: { namespace: 'kube-system' }, roleRef: { kind: 'Role', name: 'extension-apiserver-authentication-reader' },
    });
  });
});
