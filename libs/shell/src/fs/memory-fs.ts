/**
 * The file system one emulated container sees: its own writable layer (seeded
 * with whatever the image ships) plus the volumes mounted into it. Two
 * containers mounting the same `Volume` read each other's writes, which is
 * how the classic "shared emptyDir" pod examples behave.
 */
import { encodeUtf8 } from '../io/byte-string.js';
import { FsError } from './fs-error.js';
import { parentPath, relativeTo, resolvePath } from './path.js';
import { Volume, type FsStat } from './volume.js';

/** How a container's file system starts out. */
export interface MemoryFsOptions {
  /** Files the image ships, absolute path → UTF-8 text, stored as its bytes (parent directories are created). */
  readonly files?: Readonly<Record<string, string>>;
  /** Extra (possibly empty) directories the image ships. */
  readonly directories?: readonly string[];
  /** The lab clock, stamped on writes for `ls -l`; defaults to the epoch. */
  readonly now?: () => Date;
}

/** Mount options a volumeMount can carry. */
export interface MountOptions {
  /** `readOnly: true` in the volumeMount: writes fail with "Read-only file system". */
  readonly readOnly?: boolean;
  /**
   * The path inside the volume that appears at the mount point (text, as a volumeMount's `subPath` or a hostPath names it);
   * the volume's root when absent. It may name a file: a hostPath of type File shows that one file.
   */
  readonly subPath?: string;
}

interface Mount {
  readonly path: string;
  readonly volume: Volume;
  readonly readOnly: boolean;
  /** The volume's path that the mount point shows. */
  readonly root: string;
}

interface Location {
  readonly mount: Mount;
  readonly inner: string;
}

const EPOCH = () => new Date(0);

/**
 * A per-container file system over absolute paths; failures throw `FsError`.
 * Paths and contents are byte strings (see io/byte-string.ts); only the
 * constructor's `files` are text. The container's own layer is made on first
 * use, as it was when the file system was made: most containers of a busy node
 * (a pause container, a server nobody execs into) never look at their files.
 */
export class MemoryFs {
  /** The volumes mounted, longest path first; a path under none of them is the container's own layer's. */
  private readonly mounts: Mount[] = [];
  private readonly now: () => Date;
  /** What the layer starts with and when it was made (ms: a Date is 100 bytes more), until it is made. */
  private seed?: { readonly options: MemoryFsOptions; readonly at: number; readonly mountPoints: (readonly [string, number])[] };
  private layer?: Mount;

  /** Every container has `/`, `/tmp` and `/dev/null`; `options` adds what the image ships. */
  constructor(options: MemoryFsOptions = {}) {
    this.now = options.now ?? EPOCH;
    this.seed = { options, at: this.now().getTime(), mountPoints: [] };
  }

  /** The container's own layer: the image's files written straight into a volume, not through the (overridable) methods. */
  private ownLayer(): Mount {
    if (this.layer) return this.layer;
    const { options, mountPoints } = this.seed!;
    const at = new Date(this.seed!.at);
    this.seed = undefined;
    const volume = new Volume({}, at);
    volume.makeDirectory('/tmp', true, at);
    volume.makeDirectory('/dev', true, at);
    volume.makeDevice('/dev/null', at);
    for (const directory of options.directories ?? []) volume.makeDirectory(resolvePath(encodeUtf8(directory)), true, at);
    for (const [path, text] of Object.entries(options.files ?? {})) {
      const target = resolvePath(encodeUtf8(path));
      volume.makeDirectory(parentPath(target), true, at);
      volume.writeFile(target, encodeUtf8(text), false, at);
    }
    this.layer = { path: '/', volume, readOnly: false, root: '/' };
    // The mount points the volumes mounted meanwhile needed in it, in the order they were mounted, dated then.
    for (const [target, madeAt] of mountPoints) if (!volume.stat(target)) volume.makeDirectory(target, true, new Date(madeAt));
    return this.layer;
  }

  /**
   * Whether making `target` in the layer, not made yet, could fail: a file the image ships is at it or above it. Such a
   * mount point is made at once, so that the mount fails (or finds the file) when it is mounted, as it always has.
   */
  private layerHasFileAt(target: string): boolean {
    const shipped = [...Object.keys(this.seed?.options.files ?? {}).map((path) => resolvePath(encodeUtf8(path))), '/dev/null'];
    return shipped.some((file) => relativeTo(target, file) !== undefined);
  }

  /** Makes `volume` (or its `subPath`) appear at `path` (text, as a volumeMount names it; created if missing), hiding what the container had there. */
  mount(path: string, volume: Volume, options: MountOptions = {}): void {
    const target = resolvePath(encodeUtf8(path));
    const underVolume = this.mounts.some((mount) => relativeTo(target, mount.path) !== undefined);
    if (this.seed && !underVolume && !this.layerHasFileAt(target)) this.seed.mountPoints.push([target, this.now().getTime()]);
    else if (!this.exists(target)) this.mkdir(target, { parents: true });
    const others = this.mounts.filter((mount) => mount.path !== target);
    others.push({ path: target, volume, readOnly: options.readOnly ?? false, root: resolvePath(encodeUtf8(options.subPath ?? '/')) });
    others.sort((a, b) => b.path.length - a.path.length);
    this.mounts.splice(0, this.mounts.length, ...others);
  }

  /** Kind, size and modification time of `path`, or undefined when nothing is there. */
  stat(path: string): FsStat | undefined {
    const { mount, inner } = this.locate(path);
    return mount.volume.stat(inner);
  }

  /** True when anything (file, directory, device) is at `path`. */
  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  /** True for a regular file (what `test -f` asks). */
  isFile(path: string): boolean {
    return this.stat(path)?.kind === 'file';
  }

  /** True for a directory, mount points included. */
  isDir(path: string): boolean {
    return this.stat(path)?.kind === 'dir';
  }

  /** The bytes of a file. */
  read(path: string): string {
    const { mount, inner } = this.locate(path);
    return mount.volume.readFile(inner);
  }

  /** Creates or truncates a file with the bytes `text`, or adds them to its end when `append`. */
  write(path: string, text: string, options: { append?: boolean } = {}): void {
    const { mount, inner } = this.writable(path);
    mount.volume.writeFile(inner, text, options.append ?? false, this.now());
  }

  /** Deletes a file, or a whole directory tree when `recursive`. */
  remove(path: string, options: { recursive?: boolean } = {}): void {
    const { mount, inner } = this.writable(path);
    mount.volume.remove(inner, options.recursive ?? false);
  }

  /** Creates a directory; `parents` behaves as `mkdir -p`. */
  mkdir(path: string, options: { parents?: boolean } = {}): void {
    const { mount, inner } = this.writable(path);
    mount.volume.makeDirectory(inner, options.parents ?? false, this.now());
  }

  /** The sorted names inside a directory. */
  list(path: string): string[] {
    const { mount, inner } = this.locate(path);
    return mount.volume.list(inner);
  }

  private locate(path: string): Location {
    const target = resolvePath(path);
    for (const mount of this.mounts) {
      const inner = relativeTo(target, mount.path);
      if (inner !== undefined) return { mount, inner: mount.root === '/' ? inner : inner === '/' ? mount.root : `${mount.root}${inner}` };
    }
    return { mount: this.ownLayer(), inner: target };
  }

  private writable(path: string): Location {
    const location = this.locate(path);
    if (location.mount.readOnly) throw new FsError('EROFS', path);
    return location;
  }
}
