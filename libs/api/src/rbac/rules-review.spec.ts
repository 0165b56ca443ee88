import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import { rbacObjectsOf } from './rbac-objects.js';
import { rulesReview } from './rules-review.js';
import type { UserInfo } from './types.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const defaults = [...bootstrapPolicy.clusterRoles, ...bootstrapPolicy.clusterRoleBindings, ...bootstrapPolicy.roles, ...bootstrapPolicy.roleBindings];
const bob: UserInfo = { username: 'bob', groups: ['system:authenticated'] };
const basicUserRules = [
  { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
];
const discoveryRules = [
  { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
  { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
];
const roleBinding = (namespace: string, name: string, roleRef: { kind: string; name: string }, user: string): KubeObject => ({
  apiVersion: `${rbacGroup}/v1`, kind: 'RoleBinding', metadata: { name, namespace },
  roleRef: { apiGroup: rbacGroup, ...roleRef }, subjects: [{ apiGroup: rbacGroup, kind: 'User', name: user }],
});

describe('rulesReview', () => {
  it('gives an authenticated user with no bindings of its own what the default bindings grant every user', () => {
    expect(rulesReview(bob, 'default', rbacObjectsOf(defaults))).toEqual({
      resourceRules: basicUserRules, nonResourceRules: discoveryRules, incomplete: false,
    });
  });

  it('adds a RoleBinding\'s rules in its namespace only, names included', () => {
    const objects = rbacObjectsOf([...defaults,
      { apiVersion: `${rbacGroup}/v1`, kind: 'Role', metadata: { name: 'cm', namespace: 'dev' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }] },
      roleBinding('dev', 'bob-cm', { kind: 'Role', name: 'cm' }, 'bob'),
    ]);
    expect(rulesReview(bob, 'dev', objects).resourceRules).toEqual([...basicUserRules, { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }]);
    expect(rulesReview(bob, 'prod', objects).resourceRules).toEqual(basicUserRules);
  });

  it('gives system:masters cluster-admin\'s rules through its binding, as RBAC resolves them', () => {
    const admin: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
    const status = rulesReview(admin, 'default', rbacObjectsOf(defaults));
    expect(status.resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(status.nonResourceRules[0]).toEqual({ verbs: ['*'], nonResourceURLs: ['*'] });
    expect(status.incomplete).toBe(false);
  });

  it('lists the rules an aggregated ClusterRole yields before the controller writes them', () => {
    const status = rulesReview(bob, 'dev', rbacObjectsOf([...defaults, roleBinding('dev', 'bob-view', { kind: 'ClusterRole', name: 'view' }, 'bob')]));
    expect(status.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['namespaces'] });
  });

  it('reports missing roles as the evaluation error and still lists the rest', () => {
    const status = rulesReview(bob, 'dev', rbacObjectsOf([...defaults, roleBinding('dev', 'bob-gone', { kind: 'Role', name: 'gone' }, 'bob')]));
    expect(status).toMatchObject({ resourceRules: basicUserRules, incomplete: false, evaluationError: 'role.rbac.authorization.k8s.io "gone" not found' });
  });

  it('is incomplete for a node, whose rights the Node authorizer cannot list', () => {
    const node: UserInfo = { username: 'system:node:worker-1', groups: ['system:nodes', 'system:authenticated'] };
    expect(rulesReview(node, 'default', rbacObjectsOf(defaults))).toMatchObject({
      incomplete: true, evaluationError: 'node authorizer does not support user rule resolution', resourceRules: basicUserRules,
    });
  });
});
