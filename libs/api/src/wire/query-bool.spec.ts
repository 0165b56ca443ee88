import { describe, expect, it } from 'vitest';
import { queryBool } from './query-bool.js';

describe('queryBool (runtime.Convert_Slice_string_To_bool)', () => {
  it.each([
    [undefined, false],
    ['0', false],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['fAlSe', false],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['1', true],
    ['t', true],
    ['', true],
    ['yes', true],
    ['f', true],
    ['00', true],
  ])('%j → %s', (value, expected) => {
    expect(queryBool(value)).toBe(expected);
  });
});
