import { describe, expect, it } from 'vitest';
import { goDuration } from './go-duration.js';

describe('goDuration', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [500, '500ms'],
    [1_000, '1s'],
    [1_234, '1.234s'],
    [1_500, '1.5s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [62_050, '1m2.05s'],
    [3_600_000, '1h0m0s'],
  ];
  it.each(cases)('%i ms prints as %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});
