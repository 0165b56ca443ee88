import { describe, expect, it } from 'vitest';
import { queryFlag } from './query-flag.js';

describe('queryFlag', () => {
  it.each([['true', true], ['True', true], ['1', true], ['', true], ['false', false], ['False', false], ['0', false], [undefined, false]] as const)(
    '%j → %s', (value, flag) => expect(queryFlag(value)).toBe(flag),
  );
});
