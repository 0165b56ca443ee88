import { describe, expect, it } from 'vitest';
import type { Occurrences } from '@kubelab/api';
import { BurstRecorder } from './burst-recorder.js';

/** Polls until `check` passes or the deadline ends the test. */
async function eventually(check: () => void, deadlineMs = 5000): Promise<void> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setImmediate(r));
    }
  }
}

describe('BurstRecorder', () => {
  it('writes the first occurrence at once and the folded repeats when the window closes', async () => {
    let clock = 0;
    const written: [string, Occurrences][] = [];
    const recorder = new BurstRecorder<string>(50, (sample, occurrences) => written.push([sample, occurrences]), () => clock);
    recorder.note('k', 'first');
    clock = 10;
    recorder.note('k', 'second');
    clock = 20;
    recorder.note('k', 'third');
    recorder.note('other', 'other');
    expect(written.map(([s, o]) => `${s}×${o.count}`)).toEqual(['first×1', 'other×1']);
    await eventually(() => expect(written.map(([s, o]) => `${s}×${o.count}`)).toEqual(['first×1', 'other×1', 'first×2']));
    expect(written[2][1]).toEqual({ count: 2, firstTime: '1970-01-01T00:00:00.010Z', lastTime: '1970-01-01T00:00:00.020Z' });
  });

  it('writes what open bursts owe on flush, and nothing for a burst without repeats', () => {
    let clock = 0;
    const written: string[] = [];
    const recorder = new BurstRecorder<string>(60_000, (sample, o) => written.push(`${sample}×${o.count}`), () => clock);
    recorder.note('a', 'a');
    recorder.note('b', 'b');
    clock = 5;
    recorder.note('a', 'a');
    recorder.flush();
    expect(written).toEqual(['a×1', 'b×1', 'a×1']);
    recorder.flush();
    expect(written).toHaveLength(3);
  });
});
