import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { authorize } from './authorize.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import { rbacObjectsOf } from './rbac-objects.js';
import type { PolicyRule, RequestAttributes, Subject, UserInfo } from './types.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const clusterRole = (name: string, rules: PolicyRule[], extra: Partial<KubeObject> = {}): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRole', metadata: { name }, rules, ...extra });
const role = (namespace: string, name: string, rules: PolicyRule[]): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'Role', metadata: { name, namespace }, rules });
const clusterRoleBinding = (name: string, roleName: string, subjects: Subject[]): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: roleName }, subjects });
const roleBinding = (namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: Subject[]): KubeObject =>
  ({ apiVersion: `${rbacGroup}/v1`, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: rbacGroup, ...roleRef }, subjects });

const alice: UserInfo = { username: 'alice', groups: ['devs', 'system:authenticated'] };
const bob: UserInfo = { username: 'bob', groups: ['system:authenticated'] };
const builder: UserInfo = { username: 'system:serviceaccount:ci:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'] };
const admin: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const anonymous: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

const ask = (verb: string, resource: string, namespace?: string, extra: Partial<Extract<RequestAttributes, { resourceRequest: true }>> = {}): RequestAttributes =>
  ({ resourceRequest: true, verb, apiGroup: '', apiVersion: 'v1', resource, ...(namespace ? { namespace } : {}), ...extra });
const askPath = (verb: string, path: string): RequestAttributes => ({ resourceRequest: false, verb, path });

const podReader = [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }];
const objects = rbacObjectsOf([
  clusterRole('pod-reader', podReader),
  clusterRole('node-reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['nodes'] }]),
  role('dev', 'secret-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] }]),
  clusterRoleBinding('devs-read-nodes', 'node-reader', [{ apiGroup: rbacGroup, kind: 'Group', name: 'devs' }]),
  roleBinding('dev', 'alice-pods', { kind: 'ClusterRole', name: 'pod-reader' }, [{ apiGroup: rbacGroup, kind: 'User', name: 'alice' }]),
  roleBinding('dev', 'alice-secret', { kind: 'Role', name: 'secret-reader' }, [{ apiGroup: rbacGroup, kind: 'User', name: 'alice' }]),
  roleBinding('ci', 'builder-pods', { kind: 'ClusterRole', name: 'pod-reader' }, [{ kind: 'ServiceAccount', name: 'builder' }]),
  roleBinding('dev', 'builder-from-ci', { kind: 'ClusterRole', name: 'pod-reader' }, [{ kind: 'ServiceAccount', name: 'builder', namespace: 'ci' }]),
  clusterRoleBinding('sa-without-namespace', 'node-reader', [{ kind: 'ServiceAccount', name: 'builder' }]),
]);

describe('authorize', () => {
  it.each<[string, UserInfo, RequestAttributes, boolean, string]>([
    ['a ClusterRole bound in a namespace grants there', alice, ask('list', 'pods', 'dev'), true,
      'RBAC: allowed by RoleBinding "alice-pods/dev" of ClusterRole "pod-reader" to User "alice"'],
    ['and nowhere else', alice, ask('list', 'pods', 'prod'), false, ''],
    ['nor at the cluster scope', alice, ask('list', 'pods'), false, ''],
    ['a ClusterRoleBinding grants by group, at the cluster scope', alice, ask('get', 'nodes', undefined, { name: 'n1' }), true,
      'RBAC: allowed by ClusterRoleBinding "devs-read-nodes" of ClusterRole "node-reader" to Group "devs"'],
    ['a ClusterRoleBinding grants in every namespace too', alice, ask('list', 'nodes', 'dev'), true,
      'RBAC: allowed by ClusterRoleBinding "devs-read-nodes" of ClusterRole "node-reader" to Group "devs"'],
    ['a Role with resourceNames grants that name', alice, ask('get', 'secrets', 'dev', { name: 'db' }), true,
      'RBAC: allowed by RoleBinding "alice-secret/dev" of Role "secret-reader" to User "alice"'],
    ['but not another', alice, ask('get', 'secrets', 'dev', { name: 'api' }), false, ''],
    ['nor a list', alice, ask('list', 'secrets', 'dev'), false, ''],
    ['a ServiceAccount subject defaults to the binding\'s namespace', builder, ask('watch', 'pods', 'ci'), true,
      'RBAC: allowed by RoleBinding "builder-pods/ci" of ClusterRole "pod-reader" to ServiceAccount "builder/ci"'],
    ['a ServiceAccount of another namespace, named with it', builder, ask('get', 'pods', 'dev', { name: 'x' }), true,
      'RBAC: allowed by RoleBinding "builder-from-ci/dev" of ClusterRole "pod-reader" to ServiceAccount "builder/ci"'],
    ['a ServiceAccount subject without namespace in a ClusterRoleBinding names no one', builder, ask('list', 'nodes'), false, ''],
    ['a user no binding names', bob, ask('list', 'pods', 'dev'), false, ''],
    ['system:masters is allowed anything, with no reason', admin, ask('delete', 'namespaces', undefined, { name: 'kube-system' }), true, ''],
    ['system:masters, non-resource paths too', admin, askPath('post', '/anything'), true, ''],
  ])('%s', (_title, user, attrs, allowed, reason) => {
    expect(authorize(user, attrs, objects)).toEqual({ allowed, reason });
  });

  it('names a missing role in the reason of a denial, as the informer caches word it', () => {
    const broken = rbacObjectsOf([
      roleBinding('dev', 'gone-role', { kind: 'Role', name: 'gone' }, [{ apiGroup: rbacGroup, kind: 'User', name: 'alice' }]),
      clusterRoleBinding('gone-clusterrole', 'vanished', [{ apiGroup: rbacGroup, kind: 'User', name: 'alice' }]),
    ]);
    expect(authorize(alice, ask('get', 'pods', 'dev', { name: 'x' }), broken)).toEqual({
      allowed: false,
      reason: 'RBAC: [clusterrole.rbac.authorization.k8s.io "vanished" not found, role.rbac.authorization.k8s.io "gone" not found]',
    });
    expect(authorize(alice, ask('get', 'nodes'), broken).reason).toBe('RBAC: clusterrole.rbac.authorization.k8s.io "vanished" not found');
  });

  it('grants what a ClusterRole aggregates before the controller has written its rules', () => {
    const aggregated = rbacObjectsOf([
      clusterRole('monitoring', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] }, rules: null }),
      clusterRole('pod-metrics', [{ verbs: ['get'], apiGroups: ['metrics.k8s.io'], resources: ['pods'] }], { metadata: { name: 'pod-metrics', labels: { 'example.com/aggregate-to-monitoring': 'true' } } }),
      clusterRoleBinding('bob-monitoring', 'monitoring', [{ apiGroup: rbacGroup, kind: 'User', name: 'bob' }]),
    ]);
    expect(authorize(bob, ask('get', 'pods', 'dev', { apiGroup: 'metrics.k8s.io', name: 'web' }), aggregated)).toEqual({
      allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "bob-monitoring" of ClusterRole "monitoring" to User "bob"',
    });
  });

  describe('with the bootstrap policy', () => {
    const defaults = rbacObjectsOf([...bootstrapPolicy.clusterRoles, ...bootstrapPolicy.clusterRoleBindings, ...bootstrapPolicy.roles, ...bootstrapPolicy.roleBindings]);
    const withBinding = (extra: KubeObject) => rbacObjectsOf([...bootstrapPolicy.clusterRoles, ...bootstrapPolicy.clusterRoleBindings, extra]);

    it.each<[string, UserInfo, RequestAttributes, boolean]>([
      ['system:authenticated may create selfsubjectaccessreviews', bob, ask('create', 'selfsubjectaccessreviews', undefined, { apiGroup: 'authorization.k8s.io' }), true],
      ['system:authenticated may create selfsubjectrulesreviews', bob, ask('create', 'selfsubjectrulesreviews', undefined, { apiGroup: 'authorization.k8s.io' }), true],
      ['system:authenticated may get /api', bob, askPath('get', '/api'), true],
      ['system:authenticated may get /apis/apps/v1', bob, askPath('get', '/apis/apps/v1'), true],
      ['system:authenticated may not list pods', bob, ask('list', 'pods', 'default'), false],
      ['system:unauthenticated may get /version', anonymous, askPath('get', '/version'), true],
      ['system:unauthenticated may get /healthz', anonymous, askPath('get', '/healthz'), true],
      ['system:unauthenticated may not get /api', anonymous, askPath('get', '/api'), false],
      ['the scheduler may bind pods', { username: 'system:kube-scheduler', groups: ['system:authenticated'] }, ask('create', 'pods', 'default', { name: 'web', subresource: 'binding' }), true],
      ['the scheduler may not delete nodes', { username: 'system:kube-scheduler', groups: ['system:authenticated'] }, ask('delete', 'nodes', undefined, { name: 'n1' }), false],
      ['the replicaset controller may create pods', { username: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:serviceaccounts', 'system:authenticated'] }, ask('create', 'pods', 'default'), true],
      ['kube-controller-manager may take its lease in kube-system', { username: 'system:kube-controller-manager', groups: ['system:authenticated'] },
        ask('update', 'leases', 'kube-system', { apiGroup: 'coordination.k8s.io', name: 'kube-controller-manager' }), true],
    ])('%s', (_title, user, attrs, allowed) => {
      expect(authorize(user, attrs, defaults).allowed).toBe(allowed);
    });

    it.each<[string, RequestAttributes, boolean]>([
      ['view may get pods', ask('get', 'pods', 'dev', { name: 'web' }), true],
      ['view may read pod logs', ask('get', 'pods', 'dev', { name: 'web', subresource: 'log' }), true],
      ['view may not read secrets', ask('get', 'secrets', 'dev', { name: 'db' }), false],
      ['view may not create deployments', ask('create', 'deployments', 'dev', { apiGroup: 'apps' }), false],
    ])('%s', (_title, attrs, allowed) => {
      expect(authorize(bob, attrs, withBinding(roleBinding('dev', 'bob-view', { kind: 'ClusterRole', name: 'view' }, [{ apiGroup: rbacGroup, kind: 'User', name: 'bob' }]))).allowed).toBe(allowed);
    });

    it.each<[string, RequestAttributes, boolean]>([
      ['edit may create deployments', ask('create', 'deployments', 'dev', { apiGroup: 'apps' }), true],
      ['edit may read secrets', ask('get', 'secrets', 'dev', { name: 'db' }), true],
      ['edit may exec into pods', ask('create', 'pods', 'dev', { name: 'web', subresource: 'exec' }), true],
      ['edit may not create rolebindings', ask('create', 'rolebindings', 'dev', { apiGroup: rbacGroup }), false],
    ])('%s', (_title, attrs, allowed) => {
      expect(authorize(bob, attrs, withBinding(roleBinding('dev', 'bob-edit', { kind: 'ClusterRole', name: 'edit' }, [{ apiGroup: rbacGroup, kind: 'User', name: 'bob' }]))).allowed).toBe(allowed);
    });

    it('admin may create rolebindings in its namespace, through edit and view too', () => {
      const objects = withBinding(roleBinding('dev', 'bob-admin', { kind: 'ClusterRole', name: 'admin' }, [{ apiGroup: rbacGroup, kind: 'User', name: 'bob' }]));
      expect(authorize(bob, ask('create', 'rolebindings', 'dev', { apiGroup: rbacGroup }), objects).allowed).toBe(true);
      expect(authorize(bob, ask('list', 'pods', 'dev'), objects).allowed).toBe(true);
      expect(authorize(bob, ask('list', 'pods', 'prod'), objects).allowed).toBe(false);
    });
  });
});
