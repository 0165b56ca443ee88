/**
 * The files of volumes that outlive pods and agents live in one NATS KV bucket, the lab's
 * only shared medium (agents may run on hosts without a shared disk): a PersistentVolume's
 * files under `pv.NAME`, a node's own file system (what hostPath volumes and local
 * PersistentVolumes show) under `node.NODE`, one key per file or directory, named by its
 * path. A kubelet-agent reads a store when a pod mounts it, writes each change through, and
 * watches it, so pods on two nodes sharing a ReadWriteMany volume see each other's files.
 * The api-server makes the bucket; agents may write only PersistentVolumes' keys and their
 * own nodes' (bus-permissions.ts).
 */
import type { KV, NatsConnection } from 'nats';
import { labBucket } from './nats-servers.js';

export const volumeDataBucket = 'kubelab-volumes';

/** Whose files: a PersistentVolume's (network storage, the same from every node) or one node's own disk. */
export type VolumeStore = { kind: 'persistent-volume'; name: string } | { kind: 'node'; node: string };

/** One file, directory or device node as the bucket keeps it; `content` is a byte string (one char per byte). */
export interface VolumeDataEntry {
  kind: 'file' | 'dir' | 'device';
  modified: Date;
  content: string;
}

/** The bucket (made by the api-server with `replicas` copies, bucketReplicas; an agent's user may only bind to it). */
export function volumeData(nc: NatsConnection, replicas = 1): Promise<KV> {
  return labBucket(nc, volumeDataBucket, replicas);
}

/** A name as one token of a key: object and node names are DNS names, whose dots would split it, and which never hold `_`. */
const token = (name: string) => name.replaceAll('.', '_');

/** The key prefix of a store's entries (`pv.data-0`, `node.node-1`); its keys are `PREFIX.PATH`. */
export function volumeStorePrefix(store: VolumeStore): string {
  return store.kind === 'node' ? `node.${token(store.node)}` : `pv.${token(store.name)}`;
}

/** The key of the entry at `path` (absolute, normalised, a byte string; not `/`, which every store has). */
export function volumeDataKey(store: VolumeStore, path: string): string {
  return `${volumeStorePrefix(store)}.${Buffer.from(path, 'latin1').toString('base64url')}`;
}

/** The path a key of `store` names; undefined for a key of another store. */
export function volumeDataPath(store: VolumeStore, key: string): string | undefined {
  const prefix = `${volumeStorePrefix(store)}.`;
  if (!key.startsWith(prefix) || key.slice(prefix.length).includes('.')) return undefined;
  return Buffer.from(key.slice(prefix.length), 'base64url').toString('latin1');
}

const newline = 0x0a;
const kinds = new Set(['file', 'dir', 'device']);

/** A JSON line with the kind and modification time, then the content's bytes as they are. */
export function encodeVolumeEntry(entry: VolumeDataEntry): Uint8Array {
  const header = Buffer.from(`${JSON.stringify({ kind: entry.kind, modified: entry.modified.toISOString() })}\n`, 'utf8');
  return Buffer.concat([header, Buffer.from(entry.content, 'latin1')]);
}

/** The entry a value holds; undefined for a value that is none (written by something else). */
export function decodeVolumeEntry(value: Uint8Array): VolumeDataEntry | undefined {
  const end = value.indexOf(newline);
  if (end < 0) return undefined;
  try {
    const header = JSON.parse(Buffer.from(value.subarray(0, end)).toString('utf8')) as { kind?: unknown; modified?: unknown };
    const modified = new Date(String(header.modified));
    if (!kinds.has(String(header.kind)) || Number.isNaN(modified.getTime())) return undefined;
    return { kind: header.kind as VolumeDataEntry['kind'], modified, content: Buffer.from(value.subarray(end + 1)).toString('latin1') };
  } catch {
    return undefined;
  }
}
