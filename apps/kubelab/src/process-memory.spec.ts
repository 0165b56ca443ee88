import { describe, expect, it } from 'vitest';
import { mib, parseSmapsRollup, processMemory } from './process-memory.js';

describe('a process\'s memory, as /proc says it', () => {
  it('reads Rss and Pss from smaps_rollup, and nothing from text without them', () => {
    const rollup = '55d1c0a00000-7ffd5b1f3000 ---p 00000000 00:00 0                          [rollup]\nRss:              122880 kB\nPss:               80312 kB\nPss_Anon:          60000 kB\n';
    expect(parseSmapsRollup(rollup)).toEqual({ rssKiB: 122880, pssKiB: 80312 });
    expect(parseSmapsRollup('Rss: 12 kB\n')).toBeUndefined();
    expect(parseSmapsRollup('')).toBeUndefined();
  });

  it('measures this process, and says nothing of one that is gone', () => {
    const own = processMemory(process.pid);
    expect(own?.rssKiB).toBeGreaterThan(0);
    expect(own!.pssKiB).toBeLessThanOrEqual(own!.rssKiB);
    expect(processMemory(process.pid, true)?.rssKiB).toBeGreaterThan(0);
    expect(processMemory(2 ** 22 + 1)).toBeUndefined();
  });

  it('prints whole mebibytes', () => {
    expect(mib(122880)).toBe('120 MiB');
    expect(mib(700)).toBe('1 MiB');
  });
});
