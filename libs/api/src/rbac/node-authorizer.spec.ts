import { describe, expect, it } from 'vitest';
import type { ClusterRole, Pod } from '../typed-objects.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import { authorizeNode, nodeOfUser, podReferences } from './node-authorizer.js';
import type { RequestAttributes } from './types.js';

const nodeRules = (bootstrapPolicy.clusterRoles.find((r) => r.metadata.name === 'system:node') as ClusterRole).rules!;
const kubelet = (node: string) => ({ username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] });
const pod = (name: string, node: string, spec: Record<string, unknown> = {}): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers: [{ name: 'c' }], ...spec } });
const pods = [
  pod('web', 'node-1', { serviceAccountName: 'robot', volumes: [{ name: 'v', secret: { secretName: 'tls' } }, { name: 'd', persistentVolumeClaim: { claimName: 'data' } }, { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] }),
  pod('db', 'node-2', { containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'db-config' } }] }] }),
];
const graph = {
  podsOn: (node: string) => pods.filter((p) => p.spec?.nodeName === node).map((p) => ({ namespace: p.metadata.namespace ?? '', references: podReferences(p) })),
  claim: (_ns: string, name: string) => (name === 'data' ? ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { volumeName: 'pv-1' } }) : undefined),
};
const ask = (verb: string, resource: string, extra: Partial<Extract<RequestAttributes, { resourceRequest: true }>> = {}): RequestAttributes =>
  ({ resourceRequest: true, verb, apiGroup: '', apiVersion: 'v1', resource, namespace: 'default', ...extra });

describe('the Node authorizer', () => {
  it('knows a kubelet by its user name and the system:nodes group only', () => {
    expect(nodeOfUser(kubelet('node-1'))).toBe('node-1');
    expect(nodeOfUser({ username: 'system:node:node-1', groups: ['system:authenticated'] })).toBeUndefined();
    expect(authorizeNode({ username: 'alice', groups: [] }, ask('get', 'secrets', { name: 'tls' }), nodeRules, graph)).toBeUndefined();
  });

  it.each([
    ['a secret its pod mounts', ask('get', 'secrets', { name: 'tls' }), 'allow'],
    ['a configmap of a pod on another node', ask('get', 'configmaps', { name: 'db-config' }), "no relationship found between node 'node-1' and this object"],
    ['a secret no pod uses', ask('get', 'secrets', { name: 'other' }), "no relationship found between node 'node-1' and this object"],
    ['every secret', ask('list', 'secrets'), 'No Object name found'],
    ['a write of a secret', ask('update', 'secrets', { name: 'tls' }), 'can only read resources of this type'],
    ['its pod\'s claim', ask('get', 'persistentvolumeclaims', { name: 'data' }), 'allow'],
    ['its pod\'s generic ephemeral volume\'s claim', ask('get', 'persistentvolumeclaims', { name: 'web-scratch' }), 'allow'],
    ['the volume bound to its pod\'s claim', ask('get', 'persistentvolumes', { name: 'pv-1', namespace: undefined }), 'allow'],
    ['a list of volumes', ask('list', 'persistentvolumes', { namespace: undefined }), 'can only get individual resources of this type'],
    ['a token for its pod\'s ServiceAccount', ask('create', 'serviceaccounts', { name: 'robot', subresource: 'token' }), 'allow'],
    ['a token for another ServiceAccount', ask('create', 'serviceaccounts', { name: 'default', subresource: 'token' }), "no relationship found between node 'node-1' and this object"],
    ['its own Lease', ask('update', 'leases', { apiGroup: 'coordination.k8s.io', namespace: 'kube-node-lease', name: 'node-1' }), 'allow'],
    ['another node\'s Lease', ask('update', 'leases', { apiGroup: 'coordination.k8s.io', namespace: 'kube-node-lease', name: 'node-2' }), 'can only access node lease with the same name as the requesting node'],
    ['pod status (the system:node rules)', ask('update', 'pods', { name: 'db', subresource: 'status' }), 'allow'],
    ['a Deployment (no rule)', ask('create', 'deployments', { apiGroup: 'apps' }), ''],
  ])('judges %s', (_what, attrs, expected) => {
    const decision = authorizeNode(kubelet('node-1'), attrs, nodeRules, graph)!;
    expect(decision.decision === 'allow' ? 'allow' : decision.reason).toBe(expected);
  });
});
