import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { RoleBinding } from '../../typed-objects.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const rbac = <T extends KubeObject>(kind: string, body: object, metadata: object): T => applyDefaults({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata, ...body }) as T;

// https://kubernetes.io/docs/reference/access-authn-authz/rbac/
const podReader = { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] }] };
const readPods = {
  subjects: [{ kind: 'User', name: 'jane' }],
  roleRef: { kind: 'Role', name: 'pod-reader' },
};

describe('Role and ClusterRole', () => {
  const role = (body: object, name = 'pod-reader') => rbac('Role', body, { name, namespace: 'default' });
  const clusterRole = (body: object) => rbac('ClusterRole', body, { name: 'secret-reader' });

  it('accepts the documentation roles, and names any path segment can carry', () => {
    expect(validateCreate(role(podReader))).toEqual([]);
    expect(validateCreate(role(podReader, 'system:Pod_Reader'))).toEqual([]);
    expect(validateCreate(clusterRole({ rules: [{ nonResourceURLs: ['/healthz', '/healthz/*'], verbs: ['get', 'post'] }] }))).toEqual([]);
  });

  it.each([
    ['a name with a slash', role(podReader, 'a/b'), ["metadata.name: Invalid value: \"a/b\": may not contain '/'"]],
    ['the name ..', role(podReader, '..'), ["metadata.name: Invalid value: \"..\": may not be '..'"]],
    ['a rule without verbs or resources', role({ rules: [{ apiGroups: [''] }] }), [
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]],
    ['non-resource URLs in a namespaced role', role({ rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }), [
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    ]],
    ['a rule mixing resources and URLs', clusterRole({ rules: [{ nonResourceURLs: ['/metrics'], resources: ['pods'], verbs: ['get'] }] }), [
      'rules[0].nonResourceURLs: Invalid value: []string{"/metrics"}: rules cannot apply to both regular resources and non-resource URLs',
    ]],
    ['an empty aggregation rule', clusterRole({ aggregationRule: {} }), ['aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil']],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });
});

describe('RoleBinding and ClusterRoleBinding', () => {
  const binding = (body: object) => rbac<RoleBinding>('RoleBinding', body, { name: 'read-pods', namespace: 'default' });
  const clusterBinding = (body: object) => rbac('ClusterRoleBinding', body, { name: 'read-secrets-global' });

  it('defaults the RBAC group on roleRef and User/Group subjects, not on ServiceAccounts', () => {
    const defaulted = binding({ ...readPods, subjects: [...readPods.subjects, { kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' }] });
    expect(defaulted.roleRef?.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(defaulted.subjects?.map((s) => s.apiGroup)).toEqual(['rbac.authorization.k8s.io', undefined]);
    expect(validateCreate(defaulted)).toEqual([]);
  });

  it.each([
    ['an unknown role kind and subject kind', binding({ roleRef: { kind: 'Policy', name: 'x' }, subjects: [{ kind: 'Robot', name: 'r2' }] }), [
      'roleRef.kind: Unsupported value: "Policy": supported values: "Role", "ClusterRole"',
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]],
    ['another roleRef group and no role name', binding({ roleRef: { apiGroup: 'example.com', kind: 'Role' } }), [
      'roleRef.apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"',
      'roleRef.name: Required value',
    ]],
    ['a Role in a ClusterRoleBinding', clusterBinding({ roleRef: { kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'Group', name: 'manager' }] }), [
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    ]],
    ['a ServiceAccount without namespace in a ClusterRoleBinding', clusterBinding({ roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }] }), [
      'subjects[0].namespace: Required value',
    ]],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });

  it('refuses a changed roleRef', () => {
    const old = binding(readPods);
    const changed = binding({ ...readPods, roleRef: { kind: 'ClusterRole', name: 'view' } });
    expect(messages(validateUpdate(changed, old))).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef',
    ]);
    expect(validateUpdate(binding({ ...readPods, subjects: [] }), old)).toEqual([]);
  });
});
