import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  afterEach(() => vi.useRealTimers());

  it('tries a quick check again every interval, and a slow one twice as long as it took after it', async () => {
    vi.useFakeTimers();
    const starts: number[] = [];
    const check = (takesMs: number) => async () => {
      starts.push(Date.now());
      await new Promise((r) => setTimeout(r, takesMs));
      return starts.length === 3;
    };
    const quick = waitFor(check(0), 'a quick check', 10_000, 50);
    await vi.runAllTimersAsync();
    await quick;
    const quickGaps = starts.slice(1).map((at, i) => at - starts[i]);
    starts.length = 0;
    const slow = waitFor(check(100), 'a slow check', 10_000, 50);
    await vi.runAllTimersAsync();
    await slow;
    const slowGaps = starts.slice(1).map((at, i) => at - starts[i]);
    expect(quickGaps).toEqual([50, 50]);
    expect(slowGaps).toEqual([300, 300]);
  });

  it('gives up at its deadline, naming what it waited for and the last error', async () => {
    vi.useFakeTimers();
    const waiting = waitFor(() => {
      throw new Error('connection refused');
    }, 'the api-server', 1000, 100);
    const failed = expect(waiting).rejects.toThrow('timed out after 1000 ms waiting for the api-server: Error: connection refused');
    await vi.runAllTimersAsync();
    await failed;
  });
});
