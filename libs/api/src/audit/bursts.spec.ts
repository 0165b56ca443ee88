import { describe, expect, it } from 'vitest';
import { noteOccurrence, repeatsOf, single, type Burst } from './bursts.js';

const window = 1000;

/** Feeds occurrences at these times through one key's burst, as the shell does; what is recorded and what the open burst owes. */
function run(times: number[], closeAt?: number) {
  let open: Burst | undefined;
  const written: string[] = [];
  for (const t of times) {
    const d = noteOccurrence(open, t, window);
    if (d.closed) written.push(`×${repeatsOf(d.closed)!.count}`);
    if (d.record) written.push(`@${t}`);
    open = d.burst;
  }
  if (closeAt !== undefined && open) {
    const owed = repeatsOf(open);
    if (owed) written.push(`×${owed.count}`);
  }
  return written;
}

describe('noteOccurrence', () => {
  it('records the first occurrence at once and folds the repeats of its window', () => {
    expect(run([0, 5, 10, 999])).toEqual(['@0']);
    expect(noteOccurrence(undefined, 0, window)).toEqual({ record: true, burst: { openedAt: 0, repeats: 0 } });
  });

  it('writes what a window folded once it closes, with the first and last repeat', () => {
    expect(run([0, 5, 10, 999], 1000)).toEqual(['@0', '×3']);
    const burst = { openedAt: 0, repeats: 2, firstRepeatAt: 5, lastRepeatAt: 10 };
    expect(repeatsOf(burst)).toEqual({ count: 2, firstTime: '1970-01-01T00:00:00.005Z', lastTime: '1970-01-01T00:00:00.010Z' });
    expect(repeatsOf({ openedAt: 0, repeats: 0 })).toBeUndefined();
  });

  it('opens a new window after the old one expired, handing back the old one\'s repeats when the shell did not close it yet', () => {
    expect(run([0, 400, 1000, 1001])).toEqual(['@0', '×1', '@1000']);
    expect(run([0, 2500])).toEqual(['@0', '@2500']);
  });

  it('writes at most two entries a window for a key retried every millisecond', () => {
    const times = Array.from({ length: 5000 }, (_, i) => i);
    expect(run(times, 5000)).toEqual(['@0', '×999', '@1000', '×999', '@2000', '×999', '@3000', '×999', '@4000', '×999']);
  });
});

describe('single', () => {
  it('is one occurrence at that time', () => {
    expect(single(0)).toEqual({ count: 1, firstTime: '1970-01-01T00:00:00.000Z', lastTime: '1970-01-01T00:00:00.000Z' });
  });
});
