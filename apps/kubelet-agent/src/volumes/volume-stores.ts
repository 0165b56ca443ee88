/**
 * The stores of the volume data bucket an agent holds: each read once and shared by every pod
 * of the agent that mounts it (two pods of one node on one hostPath write the same Volume),
 * written through while used, and let go (its last changes written) when the last of them is
 * done with it. A node's disk starts as every kubeadm node's does.
 */
import { volumeData, volumeStorePrefix, type VolumeStore } from '@kubelab/bus';
import { encodeUtf8, type Volume } from '@kubelab/shell';
import type { NatsConnection } from 'nats';
import { nodeDiskDevices, nodeDiskDirectories, nodeDiskFiles } from './host-path.js';
import { kubeadmJoinFiles, kubeadmMachineFiles, type KubeletClusterSettings } from './kubeadm-files.js';
import { controlPlaneFiles, controlPlaneNodeName } from './control-plane-files.js';
import { nodeAddressOf } from '../node-object.js';
import { SyncedVolume, type SyncOptions, type VolumeDataBackend } from './synced-volume.js';

/** Real milliseconds between two looks for the cluster CA before a node's disk is opened, and how long after the agent starts it is waited for at most. */
const caWaitMs = 100;
const caWaitLimitMs = 30_000;

/** Room left in a NATS message for the headers a KV put carries. */
const headerRoomBytes = 4096;

/** The volume data bucket of the lab's NATS (made by the api-server). */
export async function bucketBackend(nc: NatsConnection, replicas: number, warn: SyncOptions['warn']): Promise<VolumeDataBackend> {
  const kv = await volumeData(nc, replicas);
  return {
    maxValueBytes: (nc.info?.max_payload ?? 1024 * 1024) - headerRoomBytes,
    async watch(prefix, entry, ready) {
      const updates = await kv.watch({ key: `${prefix}.>`, initializedFn: ready });
      void (async () => {
        for await (const e of updates) entry(e.key, e.operation === 'PUT' ? e.value : undefined);
      })().catch((err: Error) => warn({ store: prefix, err: err.message }, 'volume store no longer followed'));
      return () => updates.stop();
    },
    put: (key, value) => kv.put(key, value).then(() => undefined),
    delete: (key) => kv.delete(key),
  };
}

/**
 * What a node's disk holds before any pod wrote to it: its directories, devices, the files that name the machine, its
 * kubeadm packages and, once it has joined (`joined`), the kubelet's; on the control-plane node, also the control
 * plane's manifests and kubeconfigs.
 */
export function seedNodeDisk(volume: Volume, nodeName: string, cluster: KubeletClusterSettings, joined = true): void {
  const at = new Date(0);
  for (const directory of nodeDiskDirectories) volume.makeDirectory(directory, true, at);
  for (const device of nodeDiskDevices) volume.makeDevice(device, at);
  const controlPlane = nodeName === controlPlaneNodeName ? controlPlaneFiles(nodeAddressOf(0), cluster.clusterCa(), new Date()) : {};
  for (const [path, text] of Object.entries({ ...nodeDiskFiles(nodeName), ...kubeadmMachineFiles(), ...(joined ? kubeadmJoinFiles(cluster) : {}), ...controlPlane })) {
    volume.makeDirectory(path.slice(0, path.lastIndexOf('/')), true, at);
    volume.writeFile(encodeUtf8(path), encodeUtf8(text), false, at);
  }
}

/** How the stores are kept, the cluster settings a node's disk is seeded with, and the nodes whose machines have not joined the cluster when their disk is first made. */
export type StoreOptions = Omit<SyncOptions, 'seed'> & { cluster: KubeletClusterSettings; unjoined?: ReadonlySet<string> };

interface Held {
  synced: Promise<SyncedVolume>;
  users: number;
}

export class VolumeStores {
  private backend?: Promise<VolumeDataBackend>;
  private readonly held = new Map<string, Held>();
  private readonly closing = new Set<Promise<void>>();
  /** Past this, a node's disk opens without the CA: a lab without a controller-manager never publishes kube-root-ca.crt. */
  private readonly caDeadline = Date.now() + caWaitLimitMs;

  constructor(private readonly openBackend: () => Promise<VolumeDataBackend>, private readonly options: StoreOptions) {}

  /** The store's volume, read when no pod of the agent had it; `release` it when the pod is done with it. Rejects when it cannot be read. */
  async acquire(store: VolumeStore): Promise<SyncedVolume> {
    const key = volumeStorePrefix(store);
    let held = this.held.get(key);
    if (!held) {
      const opened: Held = { synced: this.open(store), users: 0 };
      opened.synced.catch(() => this.held.get(key) === opened && this.held.delete(key));
      this.held.set(key, (held = opened));
    }
    held.users++;
    try {
      return await held.synced;
    } catch (e) {
      held.users--;
      throw e;
    }
  }

  /** One pod is done with the store: when it was the last, its changes are written and it is let go. */
  release(store: VolumeStore): void {
    const key = volumeStorePrefix(store);
    const held = this.held.get(key);
    if (!held || --held.users > 0) return;
    const closed: Promise<void> = held.synced.then(async (synced) => {
      await synced.flush();
      if (held.users > 0 || this.held.get(key) !== held) return;
      this.held.delete(key);
      if (!(await synced.close())) this.options.warn({ store: key }, 'volume files left unwritten');
    }, () => undefined).finally(() => this.closing.delete(closed));
    this.closing.add(closed);
  }

  /** Removes `path` (all files, for `/`) from the store: a deleted PersistentVolume's files. */
  async remove(store: VolumeStore, path: string): Promise<void> {
    const synced = await this.acquire(store);
    try {
      if (synced.volume.stat(path)) synced.volume.remove(path, true);
    } finally {
      this.release(store);
    }
  }

  /** Writes what every held store has left to write (the agent stops). */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.held.values()].map((held) => held.synced.then((synced) => synced.flush())));
    await Promise.allSettled([...this.closing]);
  }

  private async open(store: VolumeStore): Promise<SyncedVolume> {
    // A node's disk is seeded with the cluster CA as /etc/kubernetes/pki/ca.crt, which the kubelet's configuration and the
    // control plane's manifests name: not before it is known (kube-root-ca.crt, once the controller-manager has run), or
    // the disk would lack it for as long as the agent holds it.
    while (store.kind === 'node' && this.options.cluster.clusterCa() === undefined && Date.now() < this.caDeadline) {
      await new Promise((resolve) => setTimeout(resolve, caWaitMs).unref());
    }
    this.backend ??= this.openBackend();
    const backend = await this.backend.catch((e: Error) => {
      this.backend = undefined;
      throw e;
    });
    const { cluster, unjoined, ...sync } = this.options;
    const seed = (node: string) => (volume: Volume) => seedNodeDisk(volume, node, cluster, !unjoined?.has(node));
    return SyncedVolume.open(store, backend, { ...sync, ...(store.kind === 'node' ? { seed: seed(store.node) } : {}) });
  }
}
