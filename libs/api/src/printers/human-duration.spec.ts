import { describe, expect, it } from 'vitest';
import { ageSince, humanDuration } from './human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration', () => {
  it.each([
    [-3 * s, '<invalid>'],
    [-2 * s, '<invalid>'],
    [-1999, '0s'],
    [-1 * s, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * s, '1s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [121 * s, '2m1s'],
    [5 * m + 3 * s, '5m3s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [45 * d + 5 * h, '45d'],
    [729 * d, '729d'],
    [2 * y, '2y'],
    [2 * y + 45 * d, '2y45d'],
    [7 * y + 364 * d, '7y364d'],
    [8 * y, '8y'],
    [8 * y + 100 * d, '8y'],
  ])('%d ms is %j', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('ageSince', () => {
  const now = new Date('2024-05-01T12:00:00Z');

  it.each([
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['', '<unknown>'],
    ['not a time', '<unknown>'],
    ['2024-05-01T12:00:00Z', '0s'],
    ['2024-05-01T11:59:15Z', '45s'],
    ['2024-05-01T11:59:59.500000Z', '0s'],
    ['2024-05-01T11:55:00Z', '5m'],
    ['2024-04-29T09:00:00Z', '2d3h'],
    ['2024-05-01T12:00:05Z', '<invalid>'],
  ])('%j is %j old', (timestamp, text) => {
    expect(ageSince(timestamp, now)).toBe(text);
  });
});
