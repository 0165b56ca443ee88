/**
 * A Volume is one store of files and directories that outlives any single
 * container: an emptyDir shared by the containers of a pod, kept by the agent
 * across container restarts, or a ConfigMap's keys projected as files.
 * Containers see it through `MemoryFs.mount`; paths here are relative to the
 * volume's own root (`/` is the mount point). Whoever keeps a copy elsewhere (the
 * kubelet-agent writes a PersistentVolume's files through to the lab's store) hears of
 * each change with `onChange`.
 */
import { encodeUtf8 } from '../io/byte-string.js';
import { FsError } from './fs-error.js';
import { parentPath, relativeTo, resolvePath } from './path.js';

/** What one path holds: a text file, a directory, or a sink device such as /dev/null. */
export type FsEntryKind = 'file' | 'dir' | 'device';

/** The metadata `ls -l` and `test` need about one path. */
export interface FsStat {
  readonly kind: FsEntryKind;
  /** Length of the contents in bytes (0 for directories and devices). */
  readonly size: number;
  readonly modified: Date;
}

/** Told the volume-relative path of each entry a call created, changed or removed, as it happens. */
export type VolumeChangeListener = (path: string) => void;

interface Entry {
  kind: FsEntryKind;
  content: string;
  modified: Date;
}

/** A shared tree of files (contents are byte strings); every method takes a path inside the volume. */
export class Volume {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<VolumeChangeListener>();

  /** Starts empty, or holding `files` (volume-relative path → UTF-8 text, stored as bytes) with their directories. */
  constructor(files: Readonly<Record<string, string>> = {}, at: Date = new Date(0)) {
    this.entries.set('/', { kind: 'dir', content: '', modified: at });
    for (const [path, text] of Object.entries(files)) {
      const target = resolvePath(encodeUtf8(path));
      this.makeDirectory(parentPath(target), true, at);
      this.writeFile(target, encodeUtf8(text), false, at);
    }
  }

  /** Calls `listener` after every change from now on (not for the files the volume started with); returns what stops it. */
  onChange(listener: VolumeChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The entry at `path`, or undefined when nothing is there. */
  stat(path: string): FsStat | undefined {
    const entry = this.entries.get(resolvePath(path));
    return entry && { kind: entry.kind, size: entry.content.length, modified: entry.modified };
  }

  /** The bytes of a file; devices read as empty. */
  readFile(path: string): string {
    const entry = this.existing(resolvePath(path), path);
    if (entry.kind === 'dir') throw new FsError('EISDIR', path);
    return entry.content;
  }

  /** Creates or replaces (or, with `append`, extends) a file whose directory must exist. */
  writeFile(path: string, text: string, append: boolean, at: Date): void {
    const target = resolvePath(path);
    const entry = this.entries.get(target);
    if (entry?.kind === 'dir') throw new FsError('EISDIR', path);
    if (entry?.kind === 'device') return;
    this.requireDirectory(parentPath(target), path);
    const content = append && entry ? entry.content + text : text;
    this.entries.set(target, { kind: 'file', content, modified: at });
    this.changed(target);
  }

  /** Places a sink device (reads empty, swallows writes) at `path`, as /dev/null is. */
  makeDevice(path: string, at: Date): void {
    const target = resolvePath(path);
    this.requireDirectory(parentPath(target), path);
    this.entries.set(target, { kind: 'device', content: '', modified: at });
    this.changed(target);
  }

  /** Creates a directory; with `parents`, creates missing ancestors and accepts an existing directory. */
  makeDirectory(path: string, parents: boolean, at: Date): void {
    const target = resolvePath(path);
    const entry = this.entries.get(target);
    if (entry) {
      if (parents && entry.kind === 'dir') return;
      throw new FsError('EEXIST', path);
    }
    if (parents && target !== '/') this.makeDirectory(parentPath(target), true, at);
    this.requireDirectory(parentPath(target), path);
    this.entries.set(target, { kind: 'dir', content: '', modified: at });
    this.changed(target);
  }

  /** Deletes a file, or a directory with everything under it when `recursive`; the root only empties. */
  remove(path: string, recursive: boolean): void {
    const target = resolvePath(path);
    const entry = this.existing(target, path);
    if (entry.kind === 'dir' && !recursive) throw new FsError('EISDIR', path);
    for (const key of [...this.entries.keys()]) {
      if (key !== '/' && relativeTo(key, target) !== undefined) {
        this.entries.delete(key);
        this.changed(key);
      }
    }
  }

  /** The names inside a directory, sorted as `ls` sorts them. */
  list(path: string): string[] {
    const target = resolvePath(path);
    const entry = this.existing(target, path);
    if (entry.kind !== 'dir') throw new FsError('ENOTDIR', path);
    const names: string[] = [];
    for (const key of this.entries.keys()) {
      if (key !== '/' && parentPath(key) === target) names.push(key.slice(key.lastIndexOf('/') + 1));
    }
    return names.sort();
  }

  /** The bytes its files hold: what `du` of the volume, or the kubelet's volume stats, count. */
  usedBytes(): number {
    let bytes = 0;
    for (const entry of this.entries.values()) if (entry.kind === 'file') bytes += entry.content.length;
    return bytes;
  }

  private changed(path: string): void {
    for (const listener of this.listeners) listener(path);
  }

  private existing(target: string, requested: string): Entry {
    const entry = this.entries.get(target);
    if (!entry) throw new FsError('ENOENT', requested);
    return entry;
  }

  private requireDirectory(directory: string, requested: string): void {
    const entry = this.entries.get(directory);
    if (!entry) throw new FsError('ENOENT', requested);
    if (entry.kind !== 'dir') throw new FsError('ENOTDIR', requested);
  }
}
