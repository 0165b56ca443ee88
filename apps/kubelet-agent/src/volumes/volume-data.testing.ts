/**
 * The volume data bucket in memory, for specs: puts and deletes reach every watcher of the
 * key's store after the put resolves (as a KV watch brings them), or, while `held`, only
 * when `deliver()` is called, so a spec can order what an agent writes and what it hears.
 */
import type { VolumeDataBackend } from './synced-volume.js';

interface Watcher {
  prefix: string;
  entry: (key: string, value: Uint8Array | undefined) => void;
  queue: [string, Uint8Array | undefined][];
}

export class MemoryVolumeData implements VolumeDataBackend {
  readonly entries = new Map<string, Uint8Array>();
  maxValueBytes = 1024 * 1024;
  /** Changes wait for deliver() while true. */
  held = false;
  /** How many of the next writes fail (as when NATS is away). */
  failing = 0;
  /** Every write, in order: `put KEY` or `delete KEY`. */
  readonly writes: string[] = [];
  private readonly watchers = new Set<Watcher>();

  watch(prefix: string, entry: Watcher['entry'], ready: () => void): Promise<() => void> {
    const watcher: Watcher = { prefix: `${prefix}.`, entry, queue: [] };
    this.watchers.add(watcher);
    for (const [key, value] of this.entries) if (key.startsWith(watcher.prefix)) entry(key, value);
    ready();
    return Promise.resolve(() => this.watchers.delete(watcher));
  }

  put(key: string, value: Uint8Array): Promise<void> {
    return this.change(`put ${key}`, key, value);
  }

  delete(key: string): Promise<void> {
    return this.change(`delete ${key}`, key, undefined);
  }

  /** Brings every held change to its watchers. */
  deliver(): void {
    for (const watcher of this.watchers) for (const [key, value] of watcher.queue.splice(0)) watcher.entry(key, value);
  }

  /** Keys of one store, as the bucket lists them. */
  keys(prefix: string): string[] {
    return [...this.entries.keys()].filter((key) => key.startsWith(`${prefix}.`)).sort();
  }

  private change(write: string, key: string, value: Uint8Array | undefined): Promise<void> {
    if (this.failing > 0) {
      this.failing--;
      return Promise.reject(new Error('TIMEOUT'));
    }
    this.writes.push(write);
    if (value) this.entries.set(key, value);
    else this.entries.delete(key);
    for (const watcher of this.watchers) if (key.startsWith(watcher.prefix)) watcher.queue.push([key, value]);
    return Promise.resolve().then(() => {
      if (!this.held) this.deliver();
    });
  }
}
