import { describe, expect, it } from 'vitest';
import { formatLabelSelector, formatLabelSet } from './format-label-selector.js';
import type { LabelSelector } from './label-requirement.js';
import { labelSelectorFromObject } from './label-selector-object.js';
import { SelectorError } from './selector-error.js';

const keyRegex =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRegex =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('labelSelectorFromObject', () => {
  it.each<[LabelSelector, unknown]>([
    [{}, []],
    [{ matchLabels: { app: 'web' } }, [{ key: 'app', operator: '=', values: ['web'] }]],
    [
      { matchLabels: { z: '1' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['y', 'x'] }] },
      [
        { key: 'a', operator: 'in', values: ['y', 'x'] },
        { key: 'z', operator: '=', values: ['1'] },
      ],
    ],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, [{ key: 'a', operator: 'notin', values: ['x'] }]],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, [{ key: 'a', operator: 'exists', values: [] }]],
    [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: [] }] }, [{ key: 'a', operator: '!', values: [] }]],
  ])('converts %j', (selector, expected) => {
    expect(labelSelectorFromObject(selector)).toEqual(expected);
  });

  it.each<[LabelSelector, string]>([
    [{ matchExpressions: [{ key: 'a', operator: 'Foo', values: ['x'] }] }, '"Foo" is not a valid label selector operator'],
    [
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x', 'y'] }] },
      'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { 'a b': 'web' } }, `key: Invalid value: "a b": ${keyRegex}`],
    [{ matchLabels: { app: 'we b' } }, `values[0][app]: Invalid value: "we b": ${valueRegex}`],
    [
      { matchLabels: { '-k': '-v' } },
      `[key: Invalid value: "-k": ${keyRegex}, values[0][-k]: Invalid value: "-v": ${valueRegex}]`,
    ],
  ])('rejects %j', (selector, message) => {
    expect(() => labelSelectorFromObject(selector)).toThrow(new SelectorError(message));
  });
});

describe('formatLabelSelector', () => {
  it.each<[LabelSelector | undefined, string]>([
    [undefined, ''],
    [{}, ''],
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
      'app=web,tier in (a,b)',
    ],
    [
      {
        matchExpressions: [
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'env', operator: 'Exists' },
          { key: 'zone', operator: 'NotIn', values: ['z1'] },
        ],
      },
      'env,!legacy,zone notin (z1)',
    ],
  ])('formats %j as %j', (selector, text) => {
    expect(formatLabelSelector(selector)).toBe(text);
  });
});

describe('formatLabelSet', () => {
  it.each<[Record<string, string> | undefined, string]>([
    [undefined, ''],
    [{}, ''],
    [{ b: '2', a: '1' }, 'a=1,b=2'],
    [{ a: 'y', 'a-b': 'x' }, 'a-b=x,a=y'],
  ])('formats %j as %j', (labels, text) => {
    expect(formatLabelSet(labels)).toBe(text);
  });
});
