/**
 * A keyed work queue, as client-go's workqueue is used by every controller: event
 * handlers only add a key; one sync per key runs at a time (a key added while it
 * syncs runs again after); a failed sync retries with a per-key back-off (5 ms
 * doubling to 1000 s, as DefaultControllerRateLimiter); a sync may ask to run again
 * after a delay. Each key remembers the newest log seq that woke it: the cause the
 * controller names when it acts.
 */
export type SyncResult = { requeueAfterMs?: number } | void;
export type SyncHandler = (key: string, cause: number | undefined) => Promise<SyncResult>;

const baseRetryMs = 5;
const maxRetryMs = 1_000_000;

export class WorkQueue {
  private readonly dirty = new Map<string, number | undefined>();
  private readonly order: string[] = [];
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private active = 0;
  private running = false;

  constructor(private readonly name: string, private readonly sync: SyncHandler, private readonly workers: number, private readonly onError: (key: string, e: Error) => void) {}

  /** Queues `key` (again); `cause` is the seq of the event that made it worth a look. */
  add(key: string, cause?: number): void {
    const known = this.dirty.has(key);
    const previous = this.dirty.get(key);
    this.dirty.set(key, previous === undefined ? cause : cause === undefined ? previous : Math.max(previous, cause));
    if (!known && !this.processing.has(key)) this.order.push(key);
    this.pump();
  }

  /** Queues `key` after `ms`, unless an earlier timer for it is already set. */
  addAfter(key: string, ms: number, cause?: number): void {
    if (ms <= 0) return this.add(key, cause);
    if (this.timers.has(key)) return;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.add(key, cause);
    }, ms));
  }

  /** Starts running syncs (leader); keys added before wait until then. */
  start(): void {
    this.running = true;
    this.pump();
  }

  /** Stops starting syncs (leadership lost or shutdown); the keys stay queued. */
  pause(): void {
    this.running = false;
  }

  shutdown(): void {
    this.running = false;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  get length(): number {
    return this.order.length;
  }

  private pump(): void {
    while (this.running && this.active < this.workers && this.order.length > 0) {
      const key = this.order.shift()!;
      const cause = this.dirty.get(key);
      this.dirty.delete(key);
      this.processing.add(key);
      this.active++;
      void this.run(key, cause);
    }
  }

  private async run(key: string, cause: number | undefined): Promise<void> {
    try {
      const result = await this.sync(key, cause);
      this.failures.delete(key);
      if (result?.requeueAfterMs !== undefined) this.addAfter(key, result.requeueAfterMs, cause);
    } catch (e) {
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      this.onError(key, e as Error);
      this.addAfter(key, Math.min(maxRetryMs, baseRetryMs * 2 ** (failures - 1)), cause);
    } finally {
      this.processing.delete(key);
      this.active--;
      if (this.dirty.has(key)) this.order.push(key);
      this.pump();
    }
  }

}
