import { describe, expect, it } from 'vitest';
import { heartbeatShown, isHeartbeatLease, leaderLeaseObject, microTime, nodeLeaseObject } from './lease-objects.js';

const id = { uid: 'lease-uid', creationTimestamp: '2025-01-01T00:00:00Z', resourceVersion: '42' };

describe('heartbeat Lease objects', () => {
  it('writes times as MicroTime', () => {
    expect(microTime('2025-01-01T10:00:05.123Z')).toBe('2025-01-01T10:00:05.123000Z');
  });

  it("shows a node's heartbeat as the kubelet's Lease in kube-node-lease, owned by the Node", () => {
    const lease = nodeLeaseObject('node-1', { holderIdentity: 'node-1', renewTime: '2025-01-01T10:00:05.123Z', leaseDurationSeconds: 40 }, id, 'node-uid');
    expect(lease).toEqual({
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: {
        name: 'node-1', namespace: 'kube-node-lease', uid: 'lease-uid', resourceVersion: '42', creationTimestamp: '2025-01-01T00:00:00Z',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'node-uid' }],
      },
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T10:00:05.123000Z' },
    });
  });

  it("shows a leader election's record as a Lease in kube-system", () => {
    const record = { holderIdentity: 'host_1', leaseDurationSeconds: 15, acquireTime: '2025-01-01T10:00:00.000Z', renewTime: '2025-01-01T10:00:04.500Z', leaseTransitions: 2 };
    expect(leaderLeaseObject('kube-scheduler', record, id)).toEqual({
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: 'kube-scheduler', namespace: 'kube-system', uid: 'lease-uid', resourceVersion: '42', creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: { acquireTime: '2025-01-01T10:00:00.000000Z', holderIdentity: 'host_1', leaseDurationSeconds: 15, leaseTransitions: 2, renewTime: '2025-01-01T10:00:04.500000Z' },
    });
  });

  it('tells heartbeat Leases from a user\'s own', () => {
    const record = { holderIdentity: 'h', leaseDurationSeconds: 15, acquireTime: '2025-01-01T10:00:00Z', renewTime: '2025-01-01T10:00:00Z', leaseTransitions: 0 };
    expect(isHeartbeatLease(leaderLeaseObject('kube-scheduler', record, id))).toBe(true);
    expect(isHeartbeatLease(nodeLeaseObject('node-1', { holderIdentity: 'node-1', renewTime: '2025-01-01T10:00:00Z', leaseDurationSeconds: 40 }, id, 'u'))).toBe(true);
    expect(isHeartbeatLease({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'my-lock', namespace: 'kube-system' } })).toBe(false);
    expect(isHeartbeatLease({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' } })).toBe(false);
  });

  it('shows a renewed Lease; one its holder recreates only while its namespace exists and is not terminating', () => {
    const active = { metadata: { name: 'kube-node-lease' } };
    const terminating = { metadata: { name: 'kube-node-lease', deletionTimestamp: '2025-01-01T10:00:00Z' } };
    expect(heartbeatShown(true, terminating)).toBe(true);
    expect(heartbeatShown(true, undefined)).toBe(true);
    expect(heartbeatShown(false, active)).toBe(true);
    expect(heartbeatShown(false, terminating)).toBe(false);
    expect(heartbeatShown(false, undefined)).toBe(false);
  });
});
