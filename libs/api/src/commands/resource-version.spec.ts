import { describe, expect, it } from 'vitest';
import { isUnconditionalResourceVersion } from './resource-version.js';

describe('isUnconditionalResourceVersion', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['0', true],
    ['00', true],
    ['7', false],
    ['10', false],
    ['abc', false],
  ])('%j → %s', (rv, unconditional) => {
    expect(isUnconditionalResourceVersion(rv)).toBe(unconditional);
  });
});
