/**
 * The shell around @kubelab/api's burst coalescing: it keeps each key's open burst and a
 * timer that closes it, and writes what the pure decisions say — the first occurrence at
 * once, the repeats of its window as one entry when the window closes. Used for the
 * api-server's refusals and the agents' dropped connections.
 */
import { noteOccurrence, repeatsOf, single, type Burst, type Occurrences } from '@kubelab/api';

/** Writes one entry: a sample of the burst (its first occurrence) and how many occurrences the entry stands for. */
export type BurstWrite<T> = (sample: T, occurrences: Occurrences) => void;

interface OpenBurst<T> {
  burst: Burst;
  sample: T;
  timer: NodeJS.Timeout;
}

export class BurstRecorder<T> {
  private readonly open = new Map<string, OpenBurst<T>>();

  /** `windowMs`: how long after a recorded occurrence identical ones are only counted (wall milliseconds). */
  constructor(private readonly windowMs: number, private readonly write: BurstWrite<T>, private readonly now: () => number = Date.now) {}

  /** One occurrence of `key`; `sample` is what an entry about it says. */
  note(key: string, sample: T): void {
    const at = this.now();
    const current = this.open.get(key);
    const decision = noteOccurrence(current?.burst, at, this.windowMs);
    if (decision.closed && current) this.writeRepeats(current.sample, decision.closed);
    if (!decision.record && current) {
      this.open.set(key, { ...current, burst: decision.burst });
      return;
    }
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(() => this.close(key), this.windowMs);
    timer.unref();
    this.open.set(key, { burst: decision.burst, sample, timer });
    this.write(sample, single(at));
  }

  /** Closes every open burst now, writing what each still owes (at shutdown). */
  flush(): void {
    for (const key of [...this.open.keys()]) this.close(key);
  }

  private close(key: string): void {
    const open = this.open.get(key);
    if (!open) return;
    clearTimeout(open.timer);
    this.open.delete(key);
    this.writeRepeats(open.sample, open.burst);
  }

  private writeRepeats(sample: T, burst: Burst): void {
    const owed = repeatsOf(burst);
    if (owed) this.write(sample, owed);
  }
}
