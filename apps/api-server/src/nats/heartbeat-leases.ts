/**
 * The Leases a cluster shows for its heartbeats (kube-node-lease/<node>,
 * kube-system/kube-scheduler, kube-system/kube-controller-manager), served from the
 * NATS KV buckets the kubelets and leader elections renew, never from the event log:
 * heartbeats are not domain events. Reads of leases merge these in; a user's own
 * Leases stay ordinary logged objects.
 */
import { randomUUID } from 'node:crypto';
import { kubeTime, type KubeObject } from '@kubelab/api';
import {
  labBucket, leaderLeaseBucket, leaderLeaseNamespace, leaderLeaseObject, nodeLeaseBucket, nodeLeaseNamespace, nodeLeaseObject,
  type LeaderRecord, type LeaseIdentity, type NodeLease,
} from '@kubelab/bus';
import type { KV, NatsConnection } from 'nats';
import type { LiveObjects } from '../store/live-objects.js';
import type { StoredObject } from '../store/object-store.js';

interface Heartbeat {
  id: LeaseIdentity;
  record: NodeLease | LeaderRecord;
}

const decoder = new TextDecoder();

export class HeartbeatLeases implements LiveObjects {
  private readonly nodes = new Map<string, Heartbeat>();
  private readonly leaders = new Map<string, Heartbeat>();
  private stopped = false;

  private constructor(private readonly lastSeq: () => number, private readonly nodeUid: (node: string) => string | undefined) {}

  /** Follows both buckets (made with `replicas` copies when missing); `nodeUid` finds the Node a lease belongs to (no Node, no Lease shown). */
  static async follow(nc: NatsConnection, replicas: number, lastSeq: () => number, nodeUid: (node: string) => string | undefined): Promise<HeartbeatLeases> {
    const leases = new HeartbeatLeases(lastSeq, nodeUid);
    await leases.watch(await labBucket(nc, nodeLeaseBucket, replicas), leases.nodes);
    await leases.watch(await labBucket(nc, leaderLeaseBucket, replicas), leases.leaders);
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
      for (const [node, beat] of this.nodes) {
        const uid = this.nodeUid(node);
        if (uid) objects.push(nodeLeaseObject(node, beat.record as NodeLease, beat.id, uid));
      }
    }
    if (namespace === undefined || namespace === leaderLeaseNamespace) {
      for (const [name, beat] of this.leaders) objects.push(leaderLeaseObject(name, beat.record as LeaderRecord, beat.id));
    }
    return objects.map((object) => ({ object, json: JSON.stringify(object) }));
  }

  private async watch(kv: KV, into: Map<string, Heartbeat>): Promise<void> {
    const updates = await kv.watch();
    void (async () => {
      for await (const entry of updates) {
        if (this.stopped) break;
        if (entry.operation !== 'PUT') {
          into.delete(entry.key);
          continue;
        }
        const record = parse(entry.value);
        if (!record) continue;
        const known = into.get(entry.key);
        const id = known?.id ?? { uid: randomUUID(), creationTimestamp: kubeTime(new Date()), resourceVersion: '' };
        into.set(entry.key, { id: { ...id, resourceVersion: String(this.lastSeq()) }, record });
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
