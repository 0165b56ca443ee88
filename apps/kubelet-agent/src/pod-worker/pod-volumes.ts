/**
 * The volumes of one pod, as the kubelet's volume manager sets them up before the sandbox: configMap, secret,
 * downward API and projected files (with their serviceAccount tokens, rotated in place), and the claims and
 * hostPaths of the lab's volume stores. While one cannot be mounted a FailedMount event says why and the mount is
 * tried again. It also mounts a container's volumeMounts into its file system and measures emptyDirs.
 */
import type { Pod } from '@kubelab/api';
import { encodeUtf8, FsError, type MemoryFs, parentPath, resolvePath, Volume } from '@kubelab/shell';
import type { Container } from 'kubernetes-types/core/v1';
import type { NodeRuntimeDeps } from '../node-runtime-deps.js';
import type { NodeState } from '../node-state.js';
import { resolveVolumeFiles } from '../runtime/container-config.js';
import { PodTokens } from '../runtime/pod-tokens.js';
import { projectedTokens } from '../runtime/token-projection.js';
import { noStorageMounts, PodStorage } from '../volumes/pod-storage.js';
import { storageVolumes } from '../volumes/storage-volumes.js';

const mountRetrySeconds = 2;

/** A ConfigMap or Secret a volume may project. */
export interface VolumeSource {
  kind: 'ConfigMap' | 'Secret';
  namespace: string;
  name: string;
}

/** Whether a volume of `pod` (a configMap or secret volume, or a projected one's source) takes its files from `source`. */
export function usesSource(pod: Pod, source: VolumeSource): boolean {
  if (pod.metadata.namespace !== source.namespace) return false;
  const names = (pod.spec?.volumes ?? []).flatMap((v) => (source.kind === 'ConfigMap'
    ? [v.configMap?.name, ...(v.projected?.sources ?? []).map((s) => s.configMap?.name)]
    : [v.secret?.secretName, ...(v.projected?.sources ?? []).map((s) => s.secret?.name)]));
  return names.includes(source.name);
}

/** What the volumes need of their worker: the pod now, a nudge to sync again, and where FailedMount events go. */
export interface PodVolumesHost {
  pod(): Pod;
  changed(): void;
  failedMount(message: string): void;
}

export class PodVolumes {
  // Both made at their first volume: a pod without any (most pause pods) would hold two empty Maps, 340 bytes.
  private files?: Map<string, Volume>;
  /** What each configMap, secret, downwardAPI and projected volume was last given, to tell a refresh what changed. */
  private given?: Map<string, Readonly<Record<string, string>>>;
  // Both made only for a pod whose volumes need them (a pod's volumes never change): most pods have no claim or hostPath,
  // and a pause pod no token either, and each with its callbacks is 300-400 bytes more for every pod an agent runs.
  /** The volumes whose files live in the lab's volume store (claims, hostPaths), once mounted. */
  private readonly storage?: PodStorage;
  private storageMounts = noStorageMounts;
  /** The tokens of the pod's projected serviceAccountToken sources. */
  private readonly tokens?: PodTokens;
  private mountRetry?: NodeJS.Timeout;

  constructor(private readonly deps: NodeRuntimeDeps, private readonly node: NodeState, private readonly host: PodVolumesHost) {
    const pod = host.pod();
    if (projectedTokens(pod).length > 0) {
      this.tokens = new PodTokens({
        client: deps.client, time: deps.time, pod: () => host.pod(), changed: () => host.changed(),
        rotated: (token, value) => this.files?.get(token.volume)?.writeFile(`/${token.path}`, value, false, new Date()),
      });
    }
    if (storageVolumes(pod).length > 0) {
      this.storage = new PodStorage({
        pod: () => host.pod(), node: deps.nodeFacts, reader: deps.client, stores: deps.stores, clock: deps.clock, changed: () => host.changed(),
      });
    }
  }

  /** Sets every volume up; false while one cannot be (a FailedMount event said why, and a retry is due). */
  mount(): boolean {
    const tokens = this.tokens?.check() ?? { ready: true };
    if (!tokens.ready) {
      if (tokens.failure) this.failedMount(tokens.failure.volume, tokens.failure.message);
      return false;
    }
    const resolved = resolveVolumeFiles(this.host.pod(), this.deps.config, {
      allocatable: this.node.allocatable, serviceAccountToken: (volume, path) => this.tokens?.token(volume, path),
    });
    if (!resolved.ok) {
      this.failedMount('volume' in resolved ? resolved.volume : '', resolved.message);
      return false;
    }
    for (const [name, files] of resolved.value) {
      if (this.files?.has(name)) continue;
      (this.files ??= new Map()).set(name, new Volume(files));
      (this.given ??= new Map()).set(name, files);
    }
    const storage = this.storage?.check() ?? { ready: true, mounts: noStorageMounts };
    if (!storage.ready) {
      for (const message of storage.failures) this.host.failedMount(message);
      return false;
    }
    this.storageMounts = storage.mounts;
    return true;
  }

  private failedMount(volume: string, message: string): void {
    this.host.failedMount(`MountVolume.SetUp failed for volume "${volume}" : ${message}`);
    clearTimeout(this.mountRetry);
    this.mountRetry = setTimeout(() => this.host.changed(), this.deps.clock.realMs(mountRetrySeconds));
  }

  /**
   * Mounts the container's volumeMounts: a store-backed volume at its path (a hostPath's, on the node's disk), a subPath
   * below it, made a directory first when missing as the kubelet makes it; what stops the container being created, if anything.
   */
  mountInto(fs: MemoryFs, spec: Container): string | undefined {
    for (const mount of spec.volumeMounts ?? []) {
      const stored = this.storageMounts.get(mount.name);
      const volume = stored?.volume ?? this.volume(mount.name);
      const subPath = mount.subPath ? `${stored?.subPath ?? ''}/${mount.subPath}` : stored?.subPath;
      if (mount.subPath && subPath !== undefined) {
        const inVolume = resolvePath(encodeUtf8(subPath));
        try {
          if (!volume.stat(inVolume)) volume.makeDirectory(inVolume, true, new Date());
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          return `failed to create subPath directory for volumeMount "${mount.name}" of container "${spec.name}"`;
        }
      }
      fs.mount(mount.mountPath, volume, { readOnly: mount.readOnly || stored?.readOnly, ...(subPath ? { subPath } : {}) });
    }
    return undefined;
  }

  private volume(name: string): Volume {
    let v = this.files?.get(name);
    if (!v) (this.files ??= new Map()).set(name, (v = new Volume()));
    return v;
  }

  /** What each emptyDir volume of the pod holds (bytes), by volume name: the kubelet's volume stats. */
  emptyDirUsage(): Map<string, number> {
    const used = new Map<string, number>();
    for (const volume of this.host.pod().spec?.volumes ?? []) {
      const stored = volume.emptyDir ? this.files?.get(volume.name) : undefined;
      if (stored) used.set(volume.name, stored.usedBytes());
    }
    return used;
  }

  /**
   * The memory-backed emptyDirs charged to a container (MiB): tmpfs pages count against the cgroup that holds them,
   * here the first running container (in spec order) that mounts the volume.
   */
  tmpfsChargedTo(name: string, isRunning: (container: string) => boolean): number {
    const spec = this.host.pod().spec;
    // Asked of every container at each eviction check and usage report: most pods have no tmpfs at all.
    const tmpfs = (spec?.volumes ?? []).filter((volume) => volume.emptyDir?.medium === 'Memory');
    if (tmpfs.length === 0) return 0;
    const specs = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
    let bytes = 0;
    for (const volume of tmpfs) {
      const holder = specs.find((c) => isRunning(c.name) && (c.volumeMounts ?? []).some((m) => m.name === volume.name));
      if (holder?.name === name) bytes += this.files?.get(volume.name)?.usedBytes() ?? 0;
    }
    return bytes / 1048576;
  }

  /**
   * The kubelet's resync of a running pod's configMap, secret, downwardAPI and projected volumes: each mounted one is
   * made to hold what its sources say now (a key changed, added or removed), as the kubelet's atomic writer swaps a
   * volume's files, so a container that reads the file again (or restarts) sees the edit. A source that is gone leaves
   * the files as they were, as the kubelet keeps them while it cannot fetch it.
   */
  refreshFiles(source: VolumeSource): void {
    const { files: volumes, given } = this;
    if (!volumes || !given || !usesSource(this.host.pod(), source)) return;
    const resolved = resolveVolumeFiles(this.host.pod(), this.deps.config, {
      allocatable: this.node.allocatable, serviceAccountToken: (volume, path) => this.tokens?.token(volume, path),
    });
    if (!resolved.ok) return;
    const at = new Date();
    for (const [name, files] of resolved.value) {
      const volume = volumes.get(name);
      const before = given.get(name);
      if (!volume || !before) continue;
      for (const path of Object.keys(before)) {
        const target = resolvePath(encodeUtf8(path));
        if (!(path in files) && volume.stat(target)) volume.remove(target, false);
      }
      for (const [path, text] of Object.entries(files)) {
        if (before[path] === text) continue;
        const target = resolvePath(encodeUtf8(path));
        volume.makeDirectory(parentPath(target), true, at);
        volume.writeFile(target, encodeUtf8(text), false, at);
      }
      given.set(name, files);
    }
  }

  /** A claim or PersistentVolume changed: a pod waiting to mount it tries again. */
  storageChanged(kind: 'PersistentVolumeClaim' | 'PersistentVolume', namespace: string, name: string): void {
    this.storage?.changedObject(kind, namespace, name);
  }

  stop(): void {
    clearTimeout(this.mountRetry);
    this.tokens?.stop();
    this.storage?.stop();
  }
}
