/**
 * The Leases a cluster shows for its heartbeats (kube-node-lease/<node>,
 * kube-system/kube-scheduler, kube-system/kube-controller-manager), served from the
 * NATS KV buckets the kubelets and leader elections renew, never from the event log:
 * heartbeats are not domain events. Reads of leases merge these in; a user's own
 * Leases stay ordinary logged objects. Deleting one (a user, the namespace controller
 * emptying kube-node-lease) deletes its key: its holder's next renewal creates it again,
 * once its namespace is there to hold it (heartbeatShown).
 */
import { randomUUID } from 'node:crypto';
import { kubeTime, type KubeObject } from '@kubelab/api';
import {
  heartbeatShown, labBucket, leaderLeaseBucket, leaderLeaseNamespace, leaderLeaseObject, nodeLeaseBucket, nodeLeaseNamespace, nodeLeaseObject, watchLabBucket,
  type LeaderRecord, type LeaseIdentity, type NodeLease,
} from '@kubelab/bus';
import type { KV, NatsConnection } from 'nats';
import type { LiveObjects } from '../store/live-objects.js';
import type { StoredObject } from '../store/object-store.js';

interface Heartbeat {
  id: LeaseIdentity;
  record: NodeLease | LeaderRecord;
}

/** One bucket: the namespace its Leases show in, and those shown now by key. */
interface HeartbeatBucket {
  namespace: string;
  bucket: string;
  kv: KV;
  shown: Map<string, Heartbeat>;
}

/** What the api-server's projection says of the namespaces and Nodes the heartbeats belong to. */
export interface HeartbeatOwners {
  /** The Node a node lease belongs to (no Node, no Lease shown). */
  nodeUid(node: string): string | undefined;
  /** A namespace as the projection holds it now. */
  namespace(name: string): KubeObject | undefined;
}

const decoder = new TextDecoder();

export class HeartbeatLeases implements LiveObjects {
  private readonly nodes: HeartbeatBucket;
  private readonly leaders: HeartbeatBucket;
  private stopped = false;

  private constructor(nodes: KV, leaders: KV, private readonly lastSeq: () => number, private readonly owners: HeartbeatOwners) {
    this.nodes = { namespace: nodeLeaseNamespace, bucket: nodeLeaseBucket, kv: nodes, shown: new Map() };
    this.leaders = { namespace: leaderLeaseNamespace, bucket: leaderLeaseBucket, kv: leaders, shown: new Map() };
  }

  /** Follows both buckets (made with `replicas` copies when missing). */
  static async follow(nc: NatsConnection, replicas: number, lastSeq: () => number, owners: HeartbeatOwners): Promise<HeartbeatLeases> {
    const leases = new HeartbeatLeases(await labBucket(nc, nodeLeaseBucket, replicas), await labBucket(nc, leaderLeaseBucket, replicas), lastSeq, owners);
    await leases.watch(leases.nodes);
    await leases.watch(leases.leaders);
    return leases;
  }

  stop(): void {
    this.stopped = true;
  }

  get(kind: string, namespace: string, name: string): StoredObject | undefined {
    return this.list(kind, namespace).find((s) => s.object.metadata.name === name);
  }

  list(kind: string, namespace?: string): StoredObject[] {
    if (kind !== 'Lease') return [];
    const objects: KubeObject[] = [];
    if (namespace === undefined || namespace === nodeLeaseNamespace) {
      for (const [node, beat] of this.nodes.shown) {
        const uid = this.owners.nodeUid(node);
        if (uid) objects.push(nodeLeaseObject(node, beat.record as NodeLease, beat.id, uid));
      }
    }
    if (namespace === undefined || namespace === leaderLeaseNamespace) {
      for (const [name, beat] of this.leaders.shown) objects.push(leaderLeaseObject(name, beat.record as LeaderRecord, beat.id));
    }
    return objects.map((object) => ({ object, json: JSON.stringify(object) }));
  }

  /** Deletes a heartbeat Lease: gone from reads at once, and its key from the bucket, so only its holder's next renewal brings it back. */
  async delete(kind: string, namespace: string, name: string, dryRun: boolean): Promise<boolean> {
    const bucket = kind === 'Lease' ? [this.nodes, this.leaders].find((b) => b.namespace === namespace) : undefined;
    if (!bucket || !this.get(kind, namespace, name)) return false;
    if (dryRun) return true;
    bucket.shown.delete(name);
    await bucket.kv.delete(name);
    return true;
  }

  private async watch(bucket: HeartbeatBucket): Promise<void> {
    const updates = await watchLabBucket(bucket.kv, bucket.bucket);
    void (async () => {
      for await (const entry of updates) {
        if (this.stopped) break;
        if (entry.operation !== 'PUT') {
          bucket.shown.delete(entry.key);
          continue;
        }
        const record = parse(entry.value);
        const known = bucket.shown.get(entry.key);
        if (!record || !heartbeatShown(known !== undefined, this.owners.namespace(bucket.namespace))) continue;
        const id = known?.id ?? { uid: randomUUID(), creationTimestamp: kubeTime(new Date()), resourceVersion: '' };
        bucket.shown.set(entry.key, { id: { ...id, resourceVersion: String(this.lastSeq()) }, record });
      }
    })();
  }
}

function parse(value: Uint8Array): NodeLease | LeaderRecord | undefined {
  try {
    return JSON.parse(decoder.decode(value)) as NodeLease | LeaderRecord;
  } catch {
    return undefined;
  }
}
