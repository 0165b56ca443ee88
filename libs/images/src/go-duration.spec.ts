import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './go-duration.js';

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [0.0004, '0s'],
    [0.001, '1ms'],
    [0.523, '523ms'],
    [0.9999, '999ms'],
    [1, '1s'],
    [1.2, '1.2s'],
    [4.35, '4.35s'],
    [1.0504, '1.05s'],
    [59.999, '59.999s'],
    [60, '1m0s'],
    [65.05, '1m5.05s'],
    [3600, '1h0m0s'],
    [3723.5, '1h2m3.5s'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatGoDuration(seconds)).toBe(text);
  });
});
