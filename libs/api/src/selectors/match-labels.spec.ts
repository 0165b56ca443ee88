import { describe, expect, it } from 'vitest';
import { matchesLabels } from './match-labels.js';
import { parseLabelSelector } from './parse-label-selector.js';

describe('matchesLabels', () => {
  it.each([
    ['', {}, true],
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y', {}, false],
    ['x==y', { x: 'y' }, true],
    ['x!=y', { x: 'y' }, false],
    ['x!=y', { x: 'z' }, true],
    ['x!=y', {}, true],
    ['x in (a,b)', { x: 'b' }, true],
    ['x in (a,b)', { x: 'c' }, false],
    ['x in (a,b)', {}, false],
    ['x notin (a)', { x: 'a' }, false],
    ['x notin (a)', {}, true],
    ['x', { x: '' }, true],
    ['x', { y: 'x' }, false],
    ['!x', {}, true],
    ['!x', { x: '' }, false],
    ['x=', { x: '' }, true],
    ['x=', {}, false],
    ['x>1', { x: '2' }, true],
    ['x>1', { x: '1' }, false],
    ['x>1', { x: 'a' }, false],
    ['x>1', {}, false],
    ['x<1', { x: '-1' }, true],
    ['app=web,tier in (fe,be)', { app: 'web', tier: 'be' }, true],
    ['app=web,tier in (fe,be)', { app: 'web', tier: 'db' }, false],
  ])('%j against %j is %s', (selector, labels, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it('treats absent labels as an empty set', () => {
    expect(matchesLabels(parseLabelSelector('!x'), undefined)).toBe(true);
    expect(matchesLabels(parseLabelSelector('x'), undefined)).toBe(false);
  });
});
