import { describe, expect, it } from 'vitest';
import { shellRuns } from './shell-programs.js';

describe('shellRuns', () => {
  it.each([
    ['sh', true],
    ['bash', true],
    ['sleep', true],
    ['wget', true],
    ['node', false],
    ['mysqladmin', false],
  ])('%s: %s', (name, expected) => {
    expect(shellRuns(name)).toBe(expected);
  });
});
