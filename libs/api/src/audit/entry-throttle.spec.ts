import { describe, expect, it } from 'vitest';
import { settleBudget, throttleEntry, tokensAt, type Budget, type Episode } from './entry-throttle.js';

const limit = { qps: 10, burst: 3 };

/** Feeds one caller's entries at these times (ms) through its bucket, settling it every 100 ms as the shell does: which are recorded, and the episodes said. */
function run(times: number[]) {
  let budget: Budget | undefined;
  let settledAt = 0;
  const recorded: number[] = [];
  const said: Episode[] = [];
  const settleUntil = (t: number) => {
    for (; settledAt <= t; settledAt += 100) {
      if (!budget) continue;
      const s = settleBudget(budget, settledAt, limit);
      if (s.ended) said.push(s.ended);
      budget = s.budget;
    }
  };
  for (const t of times) {
    settleUntil(t);
    const d = throttleEntry(budget, t, limit);
    if (d.record) recorded.push(t);
    budget = d.budget;
  }
  settleUntil((times.at(-1) ?? 0) + 1000);
  return { recorded, said, budget };
}

describe('throttleEntry', () => {
  it('records a burst at once, then one entry per 1/qps seconds', () => {
    const flood = Array.from({ length: 50 }, (_, i) => i * 10);
    expect(run(flood).recorded).toEqual([0, 10, 20, 100, 200, 300, 400]);
  });

  it('never records more than burst + qps × seconds, however fast the caller goes', () => {
    const flood = Array.from({ length: 10_000 }, (_, i) => i / 2);
    expect(run(flood).recorded.length).toBeLessThanOrEqual(limit.burst + (limit.qps * 5000) / 1000);
  });

  it('begins an episode with the first entry over the rate and says it once, with its count, when the caller kept below the rate', () => {
    expect(throttleEntry({ tokens: 0, at: 0 }, 5, limit)).toEqual({ record: false, budget: { tokens: 0, at: 0, episode: { count: 1, firstAt: 5, lastAt: 5 } } });
    const steadyFlood = Array.from({ length: 300 }, (_, i) => i * 10);
    const { recorded, said, budget } = run(steadyFlood);
    expect(said).toEqual([{ count: 300 - recorded.length, firstAt: 30, lastAt: 2990 }]);
    expect(budget).toBeUndefined();
  });

  it('keeps an episode open across the entries it still records', () => {
    const over = throttleEntry({ tokens: 0, at: 0 }, 5, limit).budget;
    expect(throttleEntry(over, 100, limit)).toEqual({ record: true, budget: { tokens: 0, at: 100, episode: over.episode } });
  });

  it('counts in its episode the occurrences each entry stands for', () => {
    const over = throttleEntry({ tokens: 0, at: 0 }, 5, limit, 40);
    expect(over.budget.episode).toEqual({ count: 40, firstAt: 5, lastAt: 5 });
    expect(throttleEntry(over.budget, 6, limit, 2).budget.episode).toEqual({ count: 42, firstAt: 5, lastAt: 6 });
  });

  it('refills at qps up to burst, never beyond', () => {
    expect(tokensAt(undefined, 0, limit)).toBe(3);
    expect(tokensAt({ tokens: 0, at: 1000 }, 1150, limit)).toBeCloseTo(1.5);
    expect(tokensAt({ tokens: 0, at: 1000 }, 60_000, limit)).toBe(3);
    expect(tokensAt({ tokens: 2, at: 1000 }, 500, limit)).toBe(2);
  });
});

describe('settleBudget', () => {
  const over: Budget = { tokens: 0.2, at: 1000, episode: { count: 7, firstAt: 900, lastAt: 1000 } };

  it('keeps an episode open until the bucket is full again', () => {
    expect(settleBudget(over, 1270, limit)).toEqual({ budget: over });
  });

  it('ends the episode of a caller that kept below the rate, and forgets its bucket', () => {
    expect(settleBudget(over, 1280, limit)).toEqual({ ended: over.episode });
  });

  it('forgets a full bucket without an episode, as a new caller gets one', () => {
    expect(settleBudget({ tokens: 1, at: 0 }, 100, limit)).toEqual({ budget: { tokens: 1, at: 0 } });
    expect(settleBudget({ tokens: 1, at: 0 }, 200, limit)).toEqual({});
  });
});
