import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { nodeRestrictionRefusal, type NodeWrite } from './node-restriction.js';

const nodeObject: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', uid: 'n1' } };
const pod = (node: string, metadata: KubeObject['metadata'] = {}, spec: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...metadata }, spec: { nodeName: node, containers: [{ name: 'c' }], ...spec } });
const mirror = (spec: Record<string, unknown> = {}, owner: Record<string, unknown> = {}) => pod('node-1', {
  annotations: { 'kubernetes.io/config.mirror': 'h' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'n1', controller: true, ...owner }],
}, spec);
const write = (w: Partial<NodeWrite>): NodeWrite => ({ node: 'node-1', operation: 'CREATE', group: '', resource: 'pods', namespace: 'default', name: 'p', nodeObject, ...w });

describe('NodeRestriction', () => {
  it.each([
    ['a mirror pod of its own', write({ object: mirror() }), undefined],
    ['a plain pod', write({ object: pod('node-1') }), 'pod does not have "kubernetes.io/config.mirror" annotation, node "node-1" can only create mirror pods'],
    ['a mirror pod for another node', write({ object: { ...mirror(), spec: { nodeName: 'node-2' } } }), 'node "node-1" can only create pods with spec.nodeName set to itself'],
    ['a mirror pod owned by no controller', write({ object: mirror({}, { controller: false }) }), 'node "node-1" can only create pods with a controller owner reference set to itself'],
    ['a mirror pod of an old Node', write({ object: mirror({}, { uid: 'old' }) }), 'node node-1 UID mismatch: expected n1 got old'],
    ['a mirror pod naming a ServiceAccount', write({ object: mirror({ serviceAccountName: 'default' }) }), 'node "node-1" can not create pods that reference a service account'],
    ['a mirror pod mounting a secret', write({ object: mirror({ volumes: [{ name: 'v', secret: { secretName: 's' } }] }) }), 'node "node-1" can not create pods that reference secrets'],
    ['a mirror pod reading a configmap', write({ object: mirror({ containers: [{ name: 'c', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'm', key: 'k' } } }] }] }) }), 'node "node-1" can not create pods that reference configmaps'],
    ['status of its own pod', write({ operation: 'UPDATE', subresource: 'status', oldObject: pod('node-1'), object: pod('node-1') }), undefined],
    ['status of another node\'s pod', write({ operation: 'UPDATE', subresource: 'status', oldObject: pod('node-2'), object: pod('node-2') }), 'node "node-1" can only update pod status for pods with spec.nodeName set to itself'],
    ['labels through pod status', write({ operation: 'UPDATE', subresource: 'status', oldObject: pod('node-1'), object: pod('node-1', { labels: { a: 'b' } }) }), 'node "node-1" cannot update labels through pod status'],
    ['a pod update', write({ operation: 'UPDATE', oldObject: pod('node-1'), object: pod('node-1') }), 'unexpected operation "UPDATE", node "node-1" can only create and delete mirror pods'],
    ['a delete of its own pod', write({ operation: 'DELETE', oldObject: pod('node-1') }), undefined],
    ['a delete of another node\'s pod', write({ operation: 'DELETE', oldObject: pod('node-2') }), 'node "node-1" can only delete pods with spec.nodeName set to itself'],
    ['an eviction on another node', write({ subresource: 'eviction', oldObject: pod('node-2') }), 'node node-1 can only evict pods with spec.nodeName set to itself'],
    ['another Node', write({ resource: 'nodes', namespace: '', name: 'node-2', operation: 'UPDATE' }), 'node "node-1" is not allowed to modify node "node-2"'],
    ['its own taints', write({ resource: 'nodes', namespace: '', name: 'node-1', operation: 'UPDATE', oldObject: nodeObject, object: { ...nodeObject, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } } }), 'node "node-1" is not allowed to modify taints'],
    ['a node-restriction label on itself', write({ resource: 'nodes', namespace: '', name: 'node-1', operation: 'UPDATE', oldObject: nodeObject, object: { ...nodeObject, metadata: { ...nodeObject.metadata, labels: { 'node-restriction.kubernetes.io/pci': 'true' } } } }), 'is not allowed to modify labels: node-restriction.kubernetes.io/pci'],
    ['its hostname label on registration', write({ resource: 'nodes', namespace: '', name: 'node-1', object: { ...nodeObject, metadata: { ...nodeObject.metadata, labels: { 'kubernetes.io/hostname': 'node-1' } } } }), undefined],
    ['a token not bound to a pod', write({ resource: 'serviceaccounts', name: 'default', subresource: 'token', object: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec: {} } }), 'node requested token not bound to a pod'],
    ['a token bound to a pod on another node', write({
      resource: 'serviceaccounts', name: 'default', subresource: 'token', boundPod: { ...pod('node-2'), metadata: { name: 'p', uid: 'u' } },
      object: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec: { boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u' } } },
    }), 'node requested token bound to a pod scheduled on a different node'],
  ])('judges %s', (_what, w, refusal) => {
    expect(nodeRestrictionRefusal(w)).toBe(refusal);
  });
});
