import { describe, expect, it } from 'vitest';
import { expandTagPattern, matchesTagPattern, parseTagPattern, type TagPattern } from './tag-pattern.js';

const compile = (source: string) => parseTagPattern(source) as TagPattern;

describe('tag patterns', () => {
  it.each([
    ['1.{14..27}', '1.14', true],
    ['1.{14..27}', '1.27', true],
    ['1.{14..27}', '1.28', false],
    ['1.{14..27}', '1.014', false],
    ['1.25.{0..5}{,-alpine,-perl}', '1.25.3', true],
    ['1.25.{0..5}{,-alpine,-perl}', '1.25.5-alpine', true],
    ['1.25.{0..5}{,-alpine,-perl}', '1.25.5-alpine-slim', false],
    ['1.25.{0..5}{,-alpine,-perl}', '1.25.6', false],
    ['{3..3}.{17..21}', '3.19', true],
    ['3.{1..9}{0..9}', '3.25', true],
    ['v{1..2}.{0..9}', 'v2.9', true],
    ['stable{,-alpine}', 'stable', true],
  ])('%s matches %s: %s', (source, tag, expected) => {
    expect(matchesTagPattern(compile(source), tag)).toBe(expected);
  });

  it('expands to every tag in order', () => {
    expect(expandTagPattern(compile('1.{1..2}{,-alpine}'))).toEqual(['1.1', '1.1-alpine', '1.2', '1.2-alpine']);
  });

  it.each([
    ['1.{14..27', '"{" at 2 is never closed'],
    ['1.{27..14}', 'the range {27..14} runs backwards'],
    ['1.{x}', '{x} must be a range such as {0..12} or a choice such as {,-alpine,-perl}'],
    ['-{1..2}', 'a tag may not start with "." or "-"'],
    ['a b{1..2}', '"a b" is not tag text (letters, digits, "_", "." and "-")'],
    ['{0..999}.{0..999}', 'names more than 10000 tags'],
  ])('rejects %s: %s', (source, problem) => {
    expect(parseTagPattern(source)).toBe(problem);
  });
});
