import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['5', undefined],
    ['5d', undefined],
    ['m5', undefined],
    ['', undefined],
    ['-2m', -120_000],
    ['0', 0],
    ['1.5h', 5_400_000],
    ['1m30s500ms', 90_500],
  ])('%s → %s', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
});
