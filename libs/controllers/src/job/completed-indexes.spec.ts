import { describe, expect, it } from 'vitest';
import { formatIndexes, parseIndexes } from './completed-indexes.js';

describe('completedIndexes', () => {
  it.each([
    { text: '', indexes: [] },
    { text: '3', indexes: [3] },
    { text: '0-2,4,6-7', indexes: [0, 1, 2, 4, 6, 7] },
    { text: '1,2', indexes: [1, 2], formatted: '1-2' },
    { text: 'x,5', indexes: [5], formatted: '5' },
  ])('"$text" ↔ $indexes', ({ text, indexes, formatted }) => {
    expect([...parseIndexes(text)].sort((a, b) => a - b)).toEqual(indexes);
    expect(formatIndexes(new Set(indexes))).toBe(formatted ?? text);
  });
});
