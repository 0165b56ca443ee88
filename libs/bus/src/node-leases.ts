/**
 * Node heartbeats live in a NATS KV bucket, not in the event log: a lease per node,
 * renewed every 10 s (scaled). Only what they imply (a node going NotReady) is logged.
 */
import type { KV, NatsConnection } from 'nats';
import { labBucket } from './nats-servers.js';

export const nodeLeaseBucket = 'kubelab-node-leases';

export interface NodeLease {
  holderIdentity: string;
  renewTime: string;
  leaseDurationSeconds: number;
}

/** The bucket (created on first use, with `replicas` copies: bucketReplicas); keys are node names. */
export function nodeLeases(nc: NatsConnection, replicas = 1): Promise<KV> {
  return labBucket(nc, nodeLeaseBucket, replicas);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function renewNodeLease(kv: KV, node: string, lease: NodeLease): Promise<void> {
  await kv.put(node, encoder.encode(JSON.stringify(lease)));
}

export async function readNodeLease(kv: KV, node: string): Promise<NodeLease | undefined> {
  const entry = await kv.get(node);
  if (!entry || entry.operation !== 'PUT') return undefined;
  return JSON.parse(decoder.decode(entry.value)) as NodeLease;
}
