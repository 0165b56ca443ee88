/**
 * The store-backed volumes of one pod, as the kubelet's volume manager mounts them: each
 * claim read from the api-server (a get, which the Node authorizer allows for a claim of a pod
 * on the node, and for the volume bound to it) and judged as the populator judges it, the
 * bound PersistentVolume placed (its node affinity checked), hostPaths type-checked on the
 * node's disk, and the store read. Until every one is mounted the pod waits in
 * ContainerCreating; what failed comes back from `check` as FailedMount messages, and the
 * mount is tried again: a claim that cannot be processed after the pod worker's back-off
 * (10 s), a mount that failed after 2 s, and at once when a claim or volume it waits on changes.
 */
import type { KubeObject, PersistentVolume, PersistentVolumeClaim, Pod } from '@kubelab/api';
import type { VolumeStore } from '@kubelab/bus';
import type { NodeFacts } from '@kubelab/scheduling';
import { Volume } from '@kubelab/shell';
import type { LabClock } from '../runtime/lab-clock.js';
import { hostPathSetUp, localPathProblem } from './host-path.js';
import { persistentVolumePlacement } from './persistent-volume-placement.js';
import {
  boundVolumeProblem, claimProblem, claimProcessingError, ephemeralClaimProblem, fetchError, storageVolumes, unableToAttachOrMount, volumeModeProblem,
  type StorageVolume,
} from './storage-volumes.js';
import type { VolumeStores } from './volume-stores.js';

const claims = { group: '', version: 'v1', plural: 'persistentvolumeclaims' };
const persistentVolumes = { group: '', version: 'v1', plural: 'persistentvolumes' };
/** The pod worker's back-off after a sync that failed (kubelet's backOffPeriod): the next WaitForAttachAndMount. */
const processRetrySeconds = 10;
const mountRetrySeconds = 2;

/** Reads the api-server (the kubelet's client). */
export interface ObjectReader {
  get(resource: { group: string; version: string; plural: string }, namespace: string, name: string): Promise<KubeObject>;
}

export interface PodStorageDeps {
  pod: () => Pod;
  node: () => NodeFacts;
  reader: ObjectReader;
  stores: VolumeStores;
  clock: LabClock;
  /** Something was mounted, or failed: the worker syncs again. */
  changed: () => void;
}

/** A mounted volume: the store's Volume and the path in it (text) a volumeMount shows. */
export interface StorageMount {
  volume: Volume;
  subPath: string;
  readOnly: boolean;
}

/** Ready, with each volume's mount; or waiting, with the FailedMount messages to record now. */
export type StorageState = { ready: true; mounts: ReadonlyMap<string, StorageMount> } | { ready: false; failures: string[] };

/** The mounts of a pod without store-backed volumes, most pods: one empty Map for all of them, not 170 bytes each. */
export const noStorageMounts: ReadonlyMap<string, StorageMount> = new Map();

type Outcome = { mounted: StorageMount; store?: VolumeStore } | { unprocessed: string } | { failed: string };

const messageOf = (e: unknown) => (e as { status?: { message?: string } }).status?.message ?? (e as Error).message;

export class PodStorage {
  private readonly volumes: StorageVolume[];
  /** Made at the first attempt: a pod without store-backed volumes never makes one. */
  private mounts?: Map<string, StorageMount>;
  private readonly stores: VolumeStore[] = [];
  private failures: string[] = [];
  /** The claims and volumes the pod waits on: a change to one of them is worth a try at once. */
  private awaited?: Set<string>;
  private attempting = false;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly deps: PodStorageDeps) {
    this.volumes = storageVolumes(deps.pod());
  }

  /** Whether every store-backed volume is mounted; starts mounting what is not, unless a retry is already due later. */
  check(): StorageState {
    if ((this.mounts?.size ?? 0) === this.volumes.length) return { ready: true, mounts: this.mounts ?? noStorageMounts };
    if (!this.attempting && !this.retry) void this.attempt();
    return { ready: false, failures: this.failures.splice(0) };
  }

  /** A claim (`PersistentVolumeClaim/NAMESPACE/NAME`) or volume (`PersistentVolume//NAME`) changed: a pod waiting on it tries again now. */
  changedObject(kind: 'PersistentVolumeClaim' | 'PersistentVolume', namespace: string, name: string): void {
    if (!this.retry || !this.awaited?.has(`${kind}/${namespace}/${name}`)) return;
    clearTimeout(this.retry);
    this.retry = undefined;
    void this.attempt();
  }

  /** The pod is gone: its stores are released (their last changes written). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    for (const store of this.stores.splice(0)) this.deps.stores.release(store);
  }

  private async attempt(): Promise<void> {
    this.attempting = true;
    this.awaited?.clear();
    const mounts = (this.mounts ??= new Map());
    const unprocessed: string[] = [];
    const errors: string[] = [];
    const failed: string[] = [];
    for (const volume of this.volumes) {
      if (mounts.has(volume.name)) continue;
      const outcome = await this.mount(volume);
      if ('mounted' in outcome && outcome.store) this.stores.push(outcome.store);
      if (this.stopped) return this.stop();
      if ('mounted' in outcome) {
        mounts.set(volume.name, outcome.mounted);
      } else if ('unprocessed' in outcome) {
        unprocessed.push(volume.name);
        errors.push(outcome.unprocessed);
      } else {
        failed.push(outcome.failed);
      }
    }
    this.attempting = false;
    if (mounts.size < this.volumes.length) {
      const unmounted = this.volumes.filter((v) => !mounts.has(v.name)).map((v) => v.name);
      if (errors.length > 0) this.failures.push(unableToAttachOrMount(unmounted, unprocessed, errors));
      this.failures.push(...failed);
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.deps.changed();
      }, this.deps.clock.realMs(errors.length > 0 ? processRetrySeconds : mountRetrySeconds));
    }
    this.deps.changed();
  }

  private async mount(volume: StorageVolume): Promise<Outcome> {
    if (volume.kind === 'hostPath') return this.mountNodeDisk(volume.name, volume.path, { hostPathType: volume.type }, false);
    const pod = this.deps.pod();
    const namespace = pod.metadata.namespace ?? 'default';
    const unprocessed = (problem: string): Outcome => ({ unprocessed: claimProcessingError(namespace, volume.claimName, problem) });
    (this.awaited ??= new Set()).add(`PersistentVolumeClaim/${namespace}/${volume.claimName}`);
    let claim: PersistentVolumeClaim;
    try {
      claim = (await this.deps.reader.get(claims, namespace, volume.claimName)) as PersistentVolumeClaim;
    } catch (e) {
      return unprocessed(fetchError('PVC', messageOf(e)));
    }
    const claimed = claimProblem(claim);
    if (claimed) return unprocessed(claimed);
    const notForPod = volume.ephemeral ? ephemeralClaimProblem(pod, claim) : undefined;
    if (notForPod) return { unprocessed: notForPod };
    // claimProblem let only a claim naming its volume through.
    const volumeName = claim.spec!.volumeName!;
    (this.awaited ??= new Set()).add(`PersistentVolume//${volumeName}`);
    // A pod gone meanwhile no longer links its node to the volume: the Node authorizer would refuse the get.
    if (this.stopped) return { unprocessed: 'the pod is gone' };
    let persistentVolume: PersistentVolume;
    try {
      persistentVolume = (await this.deps.reader.get(persistentVolumes, '', volumeName)) as PersistentVolume;
    } catch (e) {
      return unprocessed(fetchError(`PV ${volumeName}`, messageOf(e)));
    }
    const notBound = boundVolumeProblem(persistentVolume, claim);
    if (notBound) return unprocessed(notBound);
    const mode = volumeModeProblem(volume, persistentVolume);
    if (mode) return { unprocessed: mode };
    // A raw block device: the emulated runtime shows no devices, so there is nothing to set up.
    if (volume.usage === 'device') return { mounted: { volume: new Volume(), subPath: '/', readOnly: volume.readOnly } };
    const placement = persistentVolumePlacement(persistentVolume, this.deps.node());
    if (!placement.ok) return { failed: placement.message };
    if (placement.nodeDisk) return this.mountNodeDisk(volumeName, placement.path, placement.nodeDisk, volume.readOnly);
    try {
      const synced = await this.deps.stores.acquire(placement.store);
      return { mounted: { volume: synced.volume, subPath: '/', readOnly: volume.readOnly }, store: placement.store };
    } catch (e) {
      return { failed: `MountVolume.SetUp failed for volume "${volumeName}" : ${(e as Error).message}` };
    }
  }

  /** A path of the node's disk (a hostPath, or a hostPath or local PersistentVolume), checked and made as its plugin does. */
  private async mountNodeDisk(specName: string, path: string, check: { hostPathType: string } | { local: true }, readOnly: boolean): Promise<Outcome> {
    const store: VolumeStore = { kind: 'node', node: this.deps.node().name };
    let disk: Volume;
    try {
      disk = (await this.deps.stores.acquire(store)).volume;
    } catch (e) {
      return { failed: `MountVolume.SetUp failed for volume "${specName}" : ${(e as Error).message}` };
    }
    const lookup = (p: string) => disk.stat(p)?.kind;
    const fail = (message: string): Outcome => {
      this.deps.stores.release(store);
      return { failed: message };
    };
    if ('local' in check) {
      const problem = localPathProblem(path, lookup);
      if (problem) return fail(`MountVolume.NewMounter initialization failed for volume "${specName}" : ${problem}`);
      return { mounted: { volume: disk, subPath: path, readOnly }, store };
    }
    const setUp = hostPathSetUp(path, check.hostPathType, lookup);
    if (!setUp.ok) return fail(`MountVolume.SetUp failed for volume "${specName}" : ${setUp.message}`);
    if (setUp.make === 'directory') disk.makeDirectory(setUp.path, true, new Date());
    if (setUp.make === 'file') disk.writeFile(setUp.path, '', false, new Date());
    return { mounted: { volume: disk, subPath: path, readOnly }, store };
  }
}
