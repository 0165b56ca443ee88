import { describe, expect, it } from 'vitest';
import { cFormat } from './c-format.js';
import { fnmatchRegex } from './fnmatch.js';
import { compilePosix, posixToJs, RegexSyntaxError } from './posix-regex.js';

describe('posixToJs', () => {
  it.each([
    ['a\\(b\\)*\\1', false, 'a(b)*\\1'],
    ['a\\{2,3\\}', false, 'a{2,3}'],
    ['a+?(b)|c', false, 'a\\+\\?\\(b\\)\\|c'],
    ['a+?(b)|c', true, 'a+?(b)|c'],
    ['*a', false, '\\*a'],
    ['^a$', false, '^a$'],
    ['a^b$c', false, 'a\\^b\\$c'],
    ['[[:digit:]]x[^]a]', true, '[0-9]x[^\\]a]'],
    ['\\<word\\>', false, '\\b(?=\\w)word\\b(?<=\\w)'],
    ['a.b/c', true, 'a.b\\/c'],
  ])('%j (extended %s)', (pattern, extended, source) => {
    expect(posixToJs(pattern, extended)).toBe(source);
  });

  it('matches as POSIX does', () => {
    expect(compilePosix('ab*c', { extended: false }).test('xabbbcx')).toBe(true);
    expect(compilePosix('colou?r', { extended: true, ignoreCase: true }).test('COLOR')).toBe(true);
  });

  it.each([['a\\(b'], ['[abc'], ['[[:bogus:]]'], ['x\\']])('rejects %j', (pattern) => {
    expect(() => compilePosix(pattern, { extended: false })).toThrow(RegexSyntaxError);
  });
});

describe('fnmatchRegex', () => {
  it.each([
    ['*.go', 'main.go', true],
    ['*.go', 'main.gox', false],
    ['?.txt', 'a.txt', true],
    ['[!a]*', 'abc', false],
    ['[a-c]x', 'bx', true],
    ['a\\*', 'a*', true],
    ['file.(1)', 'file.(1)', true],
  ])('%s ~ %s → %s', (pattern, name, matches) => {
    expect(fnmatchRegex(pattern).test(name)).toBe(matches);
  });
});

describe('cFormat', () => {
  const args = (...values: (number | string)[]) => values.map((value) => ({ number: () => Number(value) || 0, string: () => String(value) }));

  it.each([
    ['%5.2f|%-4d|%04x|%e', args(3.14159, 7, 255, 12345), ' 3.14|7   |00ff|1.234500e+04'],
    ['%g %g %g', args(100000, 1000000, 0.00001), '100000 1e+06 1e-05'],
    ['%s=%c%%', args('k', 'value'), 'k=v%'],
    ['%*d|%.3s', args(5, 42, 'abcdef'), '   42|abc'],
    ['%d %s', args(1), '1 '],
  ])('%j', (format, values, expected) => {
    expect(cFormat(format, values)).toBe(expected);
  });
});

describe('fnmatchRegex with a range JavaScript rejects', () => {
  it('matches the pattern literally instead of throwing', () => {
    expect(fnmatchRegex('[z-a]').test('[z-a]')).toBe(true);
  });
});
