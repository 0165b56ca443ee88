import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { printerFor } from './kind-printers.js';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac-printers.js';

const now = new Date('2024-05-01T12:00:00Z');

describe('roleBindingPrinter and clusterRoleBindingPrinter', () => {
  it('declare NAME ROLE AGE and wide USERS GROUPS SERVICEACCOUNTS', () => {
    expect(roleBindingPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Role:0', 'Age:0', 'Users:1', 'Groups:1', 'ServiceAccounts:1']);
    expect(roleBindingPrinter.columns[3].description).toBe('Users in the roleBinding');
    expect(clusterRoleBindingPrinter.columns[5].description).toBe('ServiceAccounts in the clusterRoleBinding');
    expect(clusterRoleBindingPrinter.columns[1].description).toMatch(/^RoleRef can only reference a ClusterRole/);
  });

  it.each<[string, KubeObject, unknown[]]>([
    [
      'the read-pods binding of the docs',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'read-pods', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' },
        subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
        roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: 'rbac.authorization.k8s.io' },
      },
      ['read-pods', 'Role/pod-reader', '60m', 'jane', '', ''],
    ],
    [
      'a binding with every kind of subject',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'mixed', namespace: 'dev', creationTimestamp: '2024-05-01T11:00:00Z' },
        subjects: [
          { kind: 'User', name: 'dave' },
          { kind: 'Group', name: 'manager' },
          { kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' },
          { kind: 'User', name: 'alice@example.com' },
          { kind: 'Group', name: 'system:serviceaccounts:qa' },
        ],
        roleRef: { kind: 'ClusterRole', name: 'secret-reader', apiGroup: 'rbac.authorization.k8s.io' },
      },
      ['mixed', 'ClusterRole/secret-reader', '60m', 'dave, alice@example.com', 'manager, system:serviceaccounts:qa', 'kube-system/default'],
    ],
  ])('prints %s', (_name, obj, cells) => {
    expect(roleBindingPrinter.print(obj, now).cells).toEqual(cells);
  });

  it('prints a cluster role binding without subjects', () => {
    const obj = {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'system:basic-user', creationTimestamp: '2024-05-01T11:00:00Z' },
      roleRef: { kind: 'ClusterRole', name: 'system:basic-user', apiGroup: 'rbac.authorization.k8s.io' },
    } as KubeObject;
    expect(clusterRoleBindingPrinter.print(obj, now).cells).toEqual(['system:basic-user', 'ClusterRole/system:basic-user', '60m', '', '', '']);
  });
});

describe('kinds kube-apiserver prints with its default convertor', () => {
  it.each(['Role', 'ClusterRole', 'CSIStorageCapacity', 'CustomResourceDefinition', 'LimitRange'])('prints a %s as NAME CREATED AT', (kind) => {
    const printer = printerFor(kind);
    expect(printer.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Created At:date']);
    const obj = { apiVersion: 'v1', kind, metadata: { name: 'pod-reader', creationTimestamp: '2024-05-01T11:00:00.250Z' } } as KubeObject;
    expect(printer.print(obj, now).cells).toEqual(['pod-reader', '2024-05-01T11:00:00Z']);
  });
});
