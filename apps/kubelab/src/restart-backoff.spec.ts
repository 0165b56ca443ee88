import { describe, expect, it } from 'vitest';
import { nextRestart } from './restart-backoff.js';

/** The waits of a process that keeps exiting after running `ranMs` each time. */
function waits(exits: number, ranMs: number): number[] {
  let streak = 0;
  return Array.from({ length: exits }, () => {
    const next = nextRestart(streak, ranMs);
    streak = next.streak;
    return next.delayMs;
  });
}

describe('nextRestart', () => {
  it('waits 1 s, then twice as long after each exit of a crash loop, at most 30 s', () => {
    expect(waits(8, 500)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts a new loop once the process ran 60 s', () => {
    expect(nextRestart(5, 59_999)).toEqual({ streak: 6, delayMs: 30_000 });
    expect(nextRestart(5, 60_000)).toEqual({ streak: 1, delayMs: 1000 });
    expect(waits(3, 120_000)).toEqual([1000, 1000, 1000]);
  });
});
