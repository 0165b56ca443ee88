import { describe, expect, it } from 'vitest';
import { parseLogPoint } from './log-range.js';

describe('parseLogPoint', () => {
  const now = new Date('2026-11-22T10:00:00.000Z');
  it.each([
    ['1200', { seq: 1200 }],
    ['0', { seq: 0 }],
    ['5m', { time: '2026-11-22T09:55:00.000Z' }],
    ['-5m', undefined],
    ['2026-11-22T09:00:00Z', { time: '2026-11-22T09:00:00.000Z' }],
    ['2026-11-22T09:00:00+01:00', { time: '2026-11-22T08:00:00.000Z' }],
    ['yesterday', undefined],
    ['-3', undefined],
    ['2026-13-40T00:00:00Z', undefined],
  ])('%s → %j', (text, point) => {
    expect(parseLogPoint(text, now)).toEqual(point);
  });
});
