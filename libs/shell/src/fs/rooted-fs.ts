/**
 * A container's file system seen from one of its directories as `/` (what `chroot NEWROOT`
 * gives the command it runs): every path is read under that directory, so `chroot /host`
 * in `kubectl debug node/…`'s pod works on the node's own disk, mounted at /host.
 */
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import { MemoryFs, type MountOptions } from './memory-fs.js';
import { resolvePath } from './path.js';
import type { FsStat, Volume } from './volume.js';

/** The file system `inner` shows under `root` (an absolute, normalised byte string), as `/`. */
export class RootedFs extends MemoryFs {
  constructor(private readonly inner: MemoryFs, private readonly root: string) {
    super();
  }

  /** `path` (a byte string) as the inner file system names it; `..` stops at the new root. */
  private under(path: string): string {
    const inside = resolvePath(path);
    return this.root === '/' ? inside : inside === '/' ? this.root : `${this.root}${inside}`;
  }

  /** `path` is text, as MemoryFs.mount takes it. */
  override mount(path: string, volume: Volume, options: MountOptions = {}): void {
    this.inner.mount(decodeUtf8(this.under(encodeUtf8(path))), volume, options);
  }

  override stat(path: string): FsStat | undefined {
    return this.inner.stat(this.under(path));
  }

  override read(path: string): string {
    return this.inner.read(this.under(path));
  }

  override write(path: string, text: string, options: { append?: boolean } = {}): void {
    this.inner.write(this.under(path), text, options);
  }

  override remove(path: string, options: { recursive?: boolean } = {}): void {
    this.inner.remove(this.under(path), options);
  }

  override mkdir(path: string, options: { parents?: boolean } = {}): void {
    this.inner.mkdir(this.under(path), options);
  }

  override list(path: string): string[] {
    return this.inner.list(this.under(path));
  }
}
