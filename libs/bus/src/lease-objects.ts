/**
 * The coordination.k8s.io/v1 Lease objects a cluster shows for its heartbeats: one
 * per node in kube-node-lease (the kubelet's) and one per leader election in
 * kube-system (kube-scheduler, kube-controller-manager). kubelab keeps those
 * heartbeats in NATS KV, out of the event log; these builders turn a KV record into
 * the object kubectl reads (`kubectl describe node` shows its Lease).
 */
import type { KubeObject } from '@kubelab/api';
import type { LeaderRecord } from './leader-election.js';
import type { NodeLease } from './node-leases.js';

/** Where the kubelet's node leases live. */
export const nodeLeaseNamespace = 'kube-node-lease';
/** Where kube-scheduler's and kube-controller-manager's leader leases live. */
export const leaderLeaseNamespace = 'kube-system';

/** What the server gives a heartbeat Lease the first time it sees it. */
export interface LeaseIdentity {
  uid: string;
  creationTimestamp: string;
  resourceVersion: string;
}

/** metav1.MicroTime as the API writes it: microseconds, always six digits. */
export function microTime(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toISOString().replace(/Z$/, '000Z');
}

function metadata(namespace: string, name: string, id: LeaseIdentity): KubeObject['metadata'] {
  return { name, namespace, uid: id.uid, resourceVersion: id.resourceVersion, creationTimestamp: id.creationTimestamp };
}

/** kube-scheduler's and kube-controller-manager's leader leases. */
const leaderLeaseNames = new Set(['kube-scheduler', 'kube-controller-manager']);

/** Whether a Lease is one of the heartbeats served from NATS KV (never in the event log). */
export function isHeartbeatLease(obj: KubeObject): boolean {
  if (obj.kind !== 'Lease') return false;
  const { namespace, name, ownerReferences } = obj.metadata;
  if (namespace === leaderLeaseNamespace) return leaderLeaseNames.has(name ?? '');
  return namespace === nodeLeaseNamespace && (ownerReferences ?? []).some((r) => r.kind === 'Node' && r.name === name);
}

/**
 * Whether a heartbeat just written to its bucket shows as a Lease. The renewal of a Lease already shown updates it. One of a
 * Lease not shown (never seen, or deleted through the API) is its holder creating it again, as the kubelet's lease controller
 * and client-go's leader election do when their update finds none; NamespaceLifecycle refuses that create while the
 * namespace is missing or terminating, so the Lease shows from the first renewal after the namespace is back and Active.
 */
export function heartbeatShown(alreadyShown: boolean, namespace: Pick<KubeObject, 'metadata'> | undefined): boolean {
  return alreadyShown || (namespace !== undefined && !namespace.metadata.deletionTimestamp);
}

/** A node's Lease, owned by its Node (so it goes with it) as the kubelet creates it. */
export function nodeLeaseObject(node: string, lease: NodeLease, id: LeaseIdentity, nodeUid: string): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { ...metadata(nodeLeaseNamespace, node, id), ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: nodeUid }] },
    spec: { holderIdentity: lease.holderIdentity, leaseDurationSeconds: lease.leaseDurationSeconds, renewTime: microTime(lease.renewTime) },
  };
}

/** A leader election's Lease, as client-go's LeaseLock writes its record. */
export function leaderLeaseObject(name: string, record: LeaderRecord, id: LeaseIdentity): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: metadata(leaderLeaseNamespace, name, id),
    spec: {
      acquireTime: microTime(record.acquireTime),
      holderIdentity: record.holderIdentity,
      leaseDurationSeconds: record.leaseDurationSeconds,
      leaseTransitions: record.leaseTransitions,
      renewTime: microTime(record.renewTime),
    },
  };
}
