import { describe, expect, it } from 'vitest';
import { parseDuration, parseLogPoint } from './log-range.js';

describe('parseDuration', () => {
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
  ])('%s → %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('parseLogPoint', () => {
  const now = new Date('2026-11-22T10:00:00.000Z');
  it.each([
    ['1200', { seq: 1200 }],
    ['0', { seq: 0 }],
    ['5m', { time: '2026-11-22T09:55:00.000Z' }],
    ['2026-11-22T09:00:00Z', { time: '2026-11-22T09:00:00.000Z' }],
    ['2026-11-22T09:00:00+01:00', { time: '2026-11-22T08:00:00.000Z' }],
    ['yesterday', undefined],
    ['-3', undefined],
    ['2026-13-40T00:00:00Z', undefined],
  ])('%s → %j', (text, point) => {
    expect(parseLogPoint(text, now)).toEqual(point);
  });
});
