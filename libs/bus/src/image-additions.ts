/**
 * Images added to a running lab (`kubelab image add`) live in a NATS KV bucket, one
 * key per image: every agent watches it, so an addition reaches agents on any host
 * without a restart, and JetStream keeps it across lab restarts.
 */
import type { KV, NatsConnection } from 'nats';
import { labBucket, watchLabBucket } from './nats-servers.js';

export const imageAdditionsBucket = 'kubelab-images';

/** The bucket (created on first use, with `replicas` copies: bucketReplicas). */
export function imageAdditions(nc: NatsConnection, replicas = 1): Promise<KV> {
  return labBucket(nc, imageAdditionsBucket, replicas);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A KV key for a reference: base64url has only characters KV keys allow. */
export const imageAdditionKey = (reference: string): string => Buffer.from(reference).toString('base64url');

/** Stores (or replaces) the user-catalog entry that adds `reference`. */
export async function putImageAddition(kv: KV, reference: string, entry: unknown): Promise<void> {
  await kv.put(imageAdditionKey(reference), encoder.encode(JSON.stringify(entry)));
}

/**
 * Follows the bucket: `onChange` gets every entry by key, first once all stored ones
 * have been read (the promise resolves then), again after each change. Entries that
 * are no JSON are left out. Returns a function that stops following.
 */
export async function followImageAdditions(kv: KV, onChange: (entries: ReadonlyMap<string, unknown>) => void): Promise<() => void> {
  const entries = new Map<string, unknown>();
  let initialized = false;
  let markInitialized!: () => void;
  const ready = new Promise<void>((resolve) => (markInitialized = resolve));
  const updates = await watchLabBucket(kv, imageAdditionsBucket, {
    initializedFn: () => {
      initialized = true;
      onChange(entries);
      markInitialized();
    },
  });
  void (async () => {
    for await (const entry of updates) {
      if (entry.operation === 'PUT') {
        try {
          entries.set(entry.key, JSON.parse(decoder.decode(entry.value)));
        } catch {
          entries.delete(entry.key);
        }
      } else entries.delete(entry.key);
      if (initialized) onChange(entries);
    }
  })();
  await ready;
  return () => updates.stop();
}
