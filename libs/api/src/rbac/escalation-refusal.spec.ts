import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import { escalationRefusal } from './escalation-refusal.js';
import { rbacObjectsOf } from './rbac-objects.js';
import type { PolicyRule, UserInfo } from './types.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const apiVersion = `${rbacGroup}/v1`;
const alice: UserInfo = { username: 'alice', groups: ['g', 'system:authenticated'] };
const admin: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const podsGet: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };

const clusterRole = (name: string, rules: PolicyRule[] | null, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion, kind: 'ClusterRole', metadata: { name }, rules, ...extra });
const role = (namespace: string, name: string, rules: PolicyRule[]): KubeObject => ({ apiVersion, kind: 'Role', metadata: { name, namespace }, rules });
const toAlice = [{ apiGroup: rbacGroup, kind: 'User', name: 'alice' }];
const clusterRoleBinding = (name: string, roleName: string, subjects = toAlice): KubeObject =>
  ({ apiVersion, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: roleName }, subjects });
const roleBinding = (namespace: string, name: string, roleRef: { kind: string; name: string }, subjects = toAlice): KubeObject =>
  ({ apiVersion, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: rbacGroup, ...roleRef }, subjects });
const withDefaults = (...objects: KubeObject[]) => rbacObjectsOf([...bootstrapPolicy.clusterRoles, ...bootstrapPolicy.clusterRoleBindings, ...objects]);

/** alice may create any RBAC object cluster-wide, so only escalation can stop her. */
const rbacWriter = clusterRole('rbac-writer', [{ verbs: ['create', 'update'], apiGroups: [rbacGroup], resources: ['*'] }]);
const base = [rbacWriter, clusterRoleBinding('alice-rbac-writer', 'rbac-writer')];

describe('escalationRefusal', () => {
  it('refuses a ClusterRole with rules the user does not hold, listing them as kube-apiserver does', () => {
    expect(escalationRefusal(alice, clusterRole('x', [podsGet]), withDefaults(...base))).toEqual({
      code: 403, reason: 'Forbidden', details: { name: 'x', group: rbacGroup, kind: 'clusterroles' },
      message: 'clusterroles.rbac.authorization.k8s.io "x" is forbidden: user "alice" (groups=["g" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n'
        + '{APIGroups:[""], Resources:["pods"], Verbs:["get"]}',
    });
  });

  it('merges the missing verbs of one resource and sorts the lines', () => {
    const wanted = clusterRole('x', [
      { verbs: ['get', 'list'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'] },
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'] },
      { verbs: ['get', 'post'], nonResourceURLs: ['/metrics'] },
    ]);
    expect(escalationRefusal(alice, wanted, withDefaults(...base))?.message.split('\n').slice(1)).toEqual([
      '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["b"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["deployments"], Verbs:["get" "list"]}',
      '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}',
      '{APIGroups:["apps"], Resources:["pods"], Verbs:["get" "list"]}',
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
      '{NonResourceURLs:["/metrics"], Verbs:["post"]}',
    ]);
  });

  it('allows rules the user holds, a subresource through "*/subresource", and a URL through a prefix', () => {
    const holds = clusterRole('holds', [podsGet, { verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] }, { verbs: ['get'], nonResourceURLs: ['/logs/*'] }]);
    const objects = withDefaults(...base, holds, clusterRoleBinding('alice-holds', 'holds'));
    expect(escalationRefusal(alice, clusterRole('x', [podsGet, { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }, { verbs: ['get'], nonResourceURLs: ['/logs/kube'] }]), objects)).toBeUndefined();
  });

  it('counts only the namespace\'s RoleBindings for a Role, and none for a ClusterRole', () => {
    const objects = withDefaults(...base, clusterRole('pod-reader', [podsGet]), roleBinding('dev', 'alice-pods', { kind: 'ClusterRole', name: 'pod-reader' }));
    expect(escalationRefusal(alice, role('dev', 'r', [podsGet]), objects)).toBeUndefined();
    expect(escalationRefusal(alice, role('prod', 'r', [podsGet]), objects)?.message)
      .toMatch(/^roles\.rbac\.authorization\.k8s\.io "r" is forbidden: user "alice" .* not currently held:\n\{APIGroups:\[""\], Resources:\["pods"\], Verbs:\["get"\]\}$/);
    expect(escalationRefusal(alice, clusterRole('c', [podsGet]), objects)?.code).toBe(403);
  });

  it('lets system:masters and a user who may escalate write any role', () => {
    expect(escalationRefusal(admin, clusterRole('x', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]), withDefaults())).toBeUndefined();
    const escalator = clusterRole('escalator', [{ verbs: ['escalate'], apiGroups: [rbacGroup], resources: ['clusterroles'] }]);
    expect(escalationRefusal(alice, clusterRole('x', [podsGet]), withDefaults(...base, escalator, clusterRoleBinding('alice-escalate', 'escalator')))).toBeUndefined();
  });

  it('checks escalate on a named role only for updates, since a create has no name in its request', () => {
    const named = clusterRole('escalate-x', [{ verbs: ['escalate'], apiGroups: [rbacGroup], resources: ['clusterroles'], resourceNames: ['x'] }]);
    const objects = withDefaults(...base, named, clusterRoleBinding('alice-escalate-x', 'escalate-x'));
    expect(escalationRefusal(alice, clusterRole('x', [podsGet]), objects)?.code).toBe(403);
    expect(escalationRefusal(alice, clusterRole('x', [podsGet]), objects, { operation: 'update', oldObject: clusterRole('x', []) })).toBeUndefined();
  });

  it('lets an update through that changes only finalizers or owner references', () => {
    const old = clusterRole('x', [podsGet]);
    const gcOnly = { ...old, metadata: { ...old.metadata, finalizers: ['example.com/f'] } };
    expect(escalationRefusal(alice, gcOnly, withDefaults(...base), { operation: 'update', oldObject: old })).toBeUndefined();
    expect(escalationRefusal(alice, { ...gcOnly, rules: [podsGet, podsGet] }, withDefaults(...base), { operation: 'update', oldObject: old })?.code).toBe(403);
  });

  it('needs every permission to set or drop an aggregationRule', () => {
    const aggregating = clusterRole('agg', null, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } });
    expect(escalationRefusal(alice, aggregating, withDefaults(...base))).toMatchObject({
      code: 403, message: 'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    });
    expect(escalationRefusal(alice, clusterRole('agg', []), withDefaults(...base), { operation: 'update', oldObject: aggregating })?.message)
      .toBe('clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule');
  });

  describe('bindings', () => {
    it('refuses binding a role whose rules the user does not hold', () => {
      expect(escalationRefusal(alice, roleBinding('dev', 'b', { kind: 'ClusterRole', name: 'edit' }), withDefaults(...base))?.message)
        .toMatch(/^rolebindings\.rbac\.authorization\.k8s\.io "b" is forbidden: user "alice" \(groups=\["g" "system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["bindings"\], Verbs:\["get" "list" "watch"\]\}\n\{APIGroups:\[""\], Resources:\["configmaps"\], Verbs:\["create" "delete" "deletecollection" "patch" "update" "get" "list" "watch"\]\}\n/);
    });

    it('allows binding a role the user holds, in that namespace', () => {
      const objects = withDefaults(...base, roleBinding('dev', 'alice-view', { kind: 'ClusterRole', name: 'view' }));
      expect(escalationRefusal(alice, roleBinding('dev', 'bob-view', { kind: 'ClusterRole', name: 'view' }, [{ apiGroup: rbacGroup, kind: 'User', name: 'bob' }]), objects)).toBeUndefined();
      expect(escalationRefusal(alice, roleBinding('prod', 'bob-view', { kind: 'ClusterRole', name: 'view' }), objects)?.code).toBe(403);
      expect(escalationRefusal(alice, clusterRoleBinding('bob-view', 'view'), objects)?.message).toMatch(/^clusterrolebindings\.rbac\.authorization\.k8s\.io "bob-view" is forbidden: user "alice"/);
    });

    it('allows binding a role the user may bind, even one it does not hold', () => {
      const binder = clusterRole('bind-admin', [{ verbs: ['bind'], apiGroups: [rbacGroup], resources: ['clusterroles'], resourceNames: ['admin'] }]);
      const objects = withDefaults(...base, binder, roleBinding('dev', 'alice-binds', { kind: 'ClusterRole', name: 'bind-admin' }));
      expect(escalationRefusal(alice, roleBinding('dev', 'b', { kind: 'ClusterRole', name: 'admin' }), objects)).toBeUndefined();
      expect(escalationRefusal(alice, roleBinding('dev', 'b', { kind: 'ClusterRole', name: 'edit' }), objects)?.code).toBe(403);
      expect(escalationRefusal(alice, roleBinding('prod', 'b', { kind: 'ClusterRole', name: 'admin' }), objects)?.code).toBe(403);
    });

    it('answers 404 for a role that does not exist, as the registry words it', () => {
      expect(escalationRefusal(alice, roleBinding('dev', 'b', { kind: 'Role', name: 'gone' }), withDefaults(...base))).toEqual({
        code: 404, reason: 'NotFound', message: 'roles.rbac.authorization.k8s.io "gone" not found', details: { name: 'gone', group: rbacGroup, kind: 'roles' },
      });
      expect(escalationRefusal(alice, clusterRoleBinding('b', 'gone'), withDefaults(...base))?.message).toBe('clusterroles.rbac.authorization.k8s.io "gone" not found');
    });

    it('appends resolution errors of the user\'s own bindings', () => {
      const objects = withDefaults(...base, clusterRoleBinding('alice-broken', 'vanished'));
      expect(escalationRefusal(alice, clusterRole('x', [podsGet]), objects)?.message)
        .toMatch(/\n\{APIGroups:\[""\], Resources:\["pods"\], Verbs:\["get"\]\}; resolution errors: \[clusterroles\.rbac\.authorization\.k8s\.io "vanished" not found\]$/);
    });
  });
});
