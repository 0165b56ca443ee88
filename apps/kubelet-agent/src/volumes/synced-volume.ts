/**
 * One store of the volume data bucket (a PersistentVolume's files, or a node's disk) held by
 * an agent as the Volume its pods mount: read whole when first mounted, each change a
 * container makes written through (changes gather for a moment, so a loop of appends is a
 * few writes, not one per append), and each change another agent writes applied as the
 * watch brings it, so pods on two nodes sharing a volume see each other's files.
 *
 * A change made here wins over the watch until it is written and seen back: a path with a
 * change still to write ignores what the watch says of it, and a path written but not yet
 * seen back waits for its own value (what came before it is older; what comes after it is
 * newer, and applies). Across agents the last write of a file wins.
 */
import { decodeVolumeEntry, encodeVolumeEntry, volumeDataKey, volumeDataPath, volumeStorePrefix, type VolumeStore } from '@kubelab/bus';
import { FsError, Volume } from '@kubelab/shell';

/** Where a store's entries are kept: the volume data bucket (volume-data-bucket.ts), or a map in tests. */
export interface VolumeDataBackend {
  /** Calls `entry` with each stored entry under `prefix` (`undefined` for a deleted one), then `ready`, then with each change; resolves to what stops it. */
  watch(prefix: string, entry: (key: string, value: Uint8Array | undefined) => void, ready: () => void): Promise<() => void>;
  put(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  /** The largest value the bucket takes (a NATS message's payload limit). */
  readonly maxValueBytes: number;
}

export interface SyncOptions {
  /** Real milliseconds a change waits for others to be written with it. */
  writeDelayMs: number;
  /** Real milliseconds before a write that failed is tried again. */
  retryMs: number;
  /** Real milliseconds the store's entries may take to be read before the mount fails (and is tried again). */
  readTimeoutMs: number;
  /** Fills the volume before the store's entries are read, without writing it (what every node's disk has). */
  seed?: (volume: Volume) => void;
  warn: (fields: Record<string, unknown>, message: string) => void;
}

const bytes = (value: Uint8Array) => Buffer.from(value).toString('latin1');

export class SyncedVolume {
  readonly volume = new Volume();
  /** Paths changed here and not yet written. */
  private readonly dirty = new Set<string>();
  /** Paths written and not yet seen back: the value written (as bytes), or null for a deletion. */
  private readonly unconfirmed = new Map<string, string | null>();
  private readonly writes = new Set<Promise<void>>();
  private applying = false;
  /** A write failed and none has succeeded since: the next failures are not told again. */
  private failing = false;
  private timer?: NodeJS.Timeout;
  private stopWatch: () => void = () => undefined;

  private constructor(readonly store: VolumeStore, private readonly backend: VolumeDataBackend, private readonly options: SyncOptions) {
    options.seed?.(this.volume);
    this.volume.onChange((path) => this.changedHere(path));
  }

  /** The store's files, read whole; rejects when they cannot be read in time. */
  static async open(store: VolumeStore, backend: VolumeDataBackend, options: SyncOptions): Promise<SyncedVolume> {
    const synced = new SyncedVolume(store, backend, options);
    let timeout: NodeJS.Timeout | undefined;
    let failed = false;
    const read = new Promise<void>((resolve, reject) => {
      timeout = setTimeout(() => reject(new Error(`the files of ${volumeStorePrefix(store)} were not read within ${options.readTimeoutMs} ms`)), options.readTimeoutMs);
      backend.watch(volumeStorePrefix(store), (key, value) => synced.changedThere(key, value), resolve).then((stop) => {
        synced.stopWatch = stop;
        if (failed) stop();
      }, reject);
    });
    try {
      await read;
      return synced;
    } catch (e) {
      failed = true;
      synced.stopWatch();
      throw e;
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Writes what changed here now; resolves once every write made so far is done (or failed, to be tried again). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
    await Promise.allSettled([...this.writes]);
  }

  /** Writes what is left and stops following the store; true when nothing was left unwritten. */
  async close(): Promise<boolean> {
    await this.flush();
    if (this.dirty.size > 0) await this.flush();
    clearTimeout(this.timer);
    this.stopWatch();
    return this.dirty.size === 0;
  }

  private changedHere(path: string): void {
    if (this.applying) return;
    this.dirty.add(path);
    this.schedule(this.options.writeDelayMs);
  }

  private schedule(ms: number): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, ms);
  }

  private write(): void {
    const paths = [...this.dirty].sort();
    this.dirty.clear();
    for (const path of paths) {
      const key = volumeDataKey(this.store, path);
      const stat = this.volume.stat(path);
      if (!stat) {
        this.track(path, null, this.backend.delete(key));
        continue;
      }
      const value = encodeVolumeEntry({ kind: stat.kind, modified: stat.modified, content: stat.kind === 'file' ? this.volume.readFile(path) : '' });
      if (value.length > this.backend.maxValueBytes) {
        this.options.warn({ store: volumeStorePrefix(this.store), path, bytes: value.length }, 'file larger than the volume store takes: kept on this agent only');
        continue;
      }
      this.track(path, bytes(value), this.backend.put(key, value));
    }
  }

  private track(path: string, written: string | null, writing: Promise<void>): void {
    this.unconfirmed.set(path, written);
    const done: Promise<void> = writing.then(
      () => {
        this.failing = false;
      },
      (e: Error) => {
        // Not written (NATS away): unless a newer write of the path followed, it is written again.
        if (this.unconfirmed.get(path) !== written) return;
        this.unconfirmed.delete(path);
        this.dirty.add(path);
        if (!this.failing) this.options.warn({ store: volumeStorePrefix(this.store), path, err: e.message }, 'volume file not written; trying again');
        this.failing = true;
        this.schedule(this.options.retryMs);
      },
    ).finally(() => this.writes.delete(done));
    this.writes.add(done);
  }

  private changedThere(key: string, value: Uint8Array | undefined): void {
    const path = volumeDataPath(this.store, key);
    if (path === undefined || path === '/' || this.dirty.has(path)) return;
    if (this.unconfirmed.has(path)) {
      if (this.unconfirmed.get(path) === (value ? bytes(value) : null)) this.unconfirmed.delete(path);
      return;
    }
    this.apply(path, value);
  }

  /** Makes the volume hold at `path` what the store holds, without writing it back. */
  private apply(path: string, value: Uint8Array | undefined): void {
    const entry = value && decodeVolumeEntry(value);
    this.applying = true;
    try {
      const here = this.volume.stat(path);
      if (here && (!entry || here.kind !== entry.kind)) this.volume.remove(path, true);
      if (!entry) return;
      this.volume.makeDirectory(path.slice(0, Math.max(path.lastIndexOf('/'), 1)), true, entry.modified);
      if (entry.kind === 'dir') this.volume.makeDirectory(path, true, entry.modified);
      else if (entry.kind === 'device') this.volume.makeDevice(path, entry.modified);
      else this.volume.writeFile(path, entry.content, false, entry.modified);
    } catch (e) {
      // An entry below what is a file here: the write that made it a directory elsewhere comes after it, or lost to this one.
      if (!(e instanceof FsError)) throw e;
    } finally {
      this.applying = false;
    }
  }
}
