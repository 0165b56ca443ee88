/**
 * Coalescing a burst of identical audit entries (a client retrying a refused create
 * every few milliseconds, a container's wget looping against a deny-all policy), so the
 * log grows with what happened, not with how often it was retried. The first occurrence
 * of a key is recorded at once (a person following the log sees it live); the repeats
 * within the window after it are only counted, and when the window closes they become
 * one entry carrying their count. A key repeated for ever therefore writes at most two
 * entries per window. Pure: times in, decisions out; the shell keeps the bursts and the timers.
 */

/** How many identical occurrences one entry stands for, and when the first and last of them happened (RFC 3339). */
export interface Occurrences {
  count: number;
  firstTime: string;
  lastTime: string;
}

/** One key's open window: when its recorded occurrence happened, and the repeats folded in since (epoch ms). */
export interface Burst {
  openedAt: number;
  repeats: number;
  firstRepeatAt?: number;
  lastRepeatAt?: number;
}

/** What to do with one occurrence, and the key's burst as it becomes. */
export interface OccurrenceDecision {
  /** Record this occurrence now (the first of a window) rather than fold it into the open burst. */
  record: boolean;
  burst: Burst;
  /** An earlier window this occurrence found expired but not yet closed: its repeats are still to be written. */
  closed?: Burst;
}

/** True once `now` is past the window that `burst` opened. */
export function burstExpired(burst: Burst, now: number, windowMs: number): boolean {
  return now >= burst.openedAt + windowMs;
}

/** One occurrence of a key at `now`, given its open burst (if any). */
export function noteOccurrence(open: Burst | undefined, now: number, windowMs: number): OccurrenceDecision {
  if (!open || burstExpired(open, now, windowMs)) {
    return { record: true, burst: { openedAt: now, repeats: 0 }, ...(open && open.repeats > 0 ? { closed: open } : {}) };
  }
  return { record: false, burst: { ...open, repeats: open.repeats + 1, firstRepeatAt: open.firstRepeatAt ?? now, lastRepeatAt: now } };
}

/** The entry a closed window still owes: its repeats, or nothing when there were none. */
export function repeatsOf(burst: Burst): Occurrences | undefined {
  if (burst.repeats === 0) return undefined;
  const first = burst.firstRepeatAt ?? burst.openedAt;
  return { count: burst.repeats, firstTime: new Date(first).toISOString(), lastTime: new Date(burst.lastRepeatAt ?? first).toISOString() };
}

/** The occurrences of a recorded first occurrence: itself alone. */
export function single(now: number): Occurrences {
  const time = new Date(now).toISOString();
  return { count: 1, firstTime: time, lastTime: time };
}
