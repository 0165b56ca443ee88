/**
 * Fans committed changes out to watchers, and keeps the most recent ones so a
 * watch can resume from a resourceVersion without reading the database.
 */
import type { CommittedChange } from './committed-change.js';

export type WatchListener = (change: CommittedChange) => void;

/**
 * What the hub keeps of a change for watches that resume and informers that replay what they missed: all but the JSON
 * text and the row's stored form, which went to the log and NATS when the change was applied; kept for 20,000 changes
 * the text was a quarter of what the hub held.
 */
export type RememberedChange = Omit<CommittedChange, 'json' | 'stored'>;

const remembered = ({ json: _json, stored: _stored, ...change }: CommittedChange): RememberedChange => change;

/**
 * The seqs one read of the log covers for a reader the hub no longer reaches back for (a resumed watch, an informer's
 * replay): a range of the log's key, whatever their kinds, so no read scans the whole log for a rare kind, and the
 * api-server's other work runs between reads (better-sqlite3 reads while nothing else runs).
 */
export const loggedSpan = 5000;

export class WatchHub {
  private readonly listeners = new Set<WatchListener>();
  private readonly recent: RememberedChange[] = [];

  constructor(private readonly capacity = 20_000) {}

  /** Delivers changes (in seq order) to every listener and remembers them. */
  publish(changes: readonly CommittedChange[]): void {
    for (const change of changes) {
      this.recent.push(remembered(change));
      for (const listener of this.listeners) listener(change);
    }
    if (this.recent.length > this.capacity) this.recent.splice(0, this.recent.length - this.capacity);
  }

  /** Fills the memory of recent changes at start-up, without notifying anyone. */
  remember(changes: readonly CommittedChange[]): void {
    for (const change of changes) this.recent.push(remembered(change));
    if (this.recent.length > this.capacity) this.recent.splice(0, this.recent.length - this.capacity);
  }

  /** Changes after `seq`, if the memory still reaches back that far (else undefined). */
  since(seq: number): RememberedChange[] | undefined {
    const oldest = this.recent[0]?.seq;
    if (oldest === undefined || oldest > seq + 1) return undefined;
    // Remembered in seq order: the first change after `seq` is found by halving.
    let low = 0;
    for (let high = this.recent.length; low < high; ) {
      const middle = (low + high) >>> 1;
      if (this.recent[middle].seq > seq) high = middle;
      else low = middle + 1;
    }
    return this.recent.slice(low);
  }

  subscribe(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get watcherCount(): number {
    return this.listeners.size;
  }
}
