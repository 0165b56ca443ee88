import { describe, expect, it } from 'vitest';
import { parseFieldSelector } from './parse-field-selector.js';
import { SelectorError } from './selector-error.js';

describe('parseFieldSelector', () => {
  it.each([
    ['', []],
    ['status.phase=Running', [{ field: 'status.phase', operator: '=', value: 'Running' }]],
    ['status.phase==Running', [{ field: 'status.phase', operator: '==', value: 'Running' }]],
    ['status.phase!=Running', [{ field: 'status.phase', operator: '!=', value: 'Running' }]],
    ['spec.nodeName=', [{ field: 'spec.nodeName', operator: '=', value: '' }]],
    [
      'metadata.name=b,metadata.namespace=a',
      [
        { field: 'metadata.name', operator: '=', value: 'b' },
        { field: 'metadata.namespace', operator: '=', value: 'a' },
      ],
    ],
    [
      'b=1,a=2',
      [
        { field: 'a', operator: '=', value: '2' },
        { field: 'b', operator: '=', value: '1' },
      ],
    ],
    ['a=b,', [{ field: 'a', operator: '=', value: 'b' }]],
    ['a=x\\,y', [{ field: 'a', operator: '=', value: 'x,y' }]],
    ['a=x\\=y', [{ field: 'a', operator: '=', value: 'x=y' }]],
    ['a=x\\\\y', [{ field: 'a', operator: '=', value: 'x\\y' }]],
    ['a=!b', [{ field: 'a', operator: '=', value: '!b' }]],
  ])('parses %j', (text, expected) => {
    expect(parseFieldSelector(text)).toEqual(expected);
  });

  it.each([
    ['abc', "invalid selector: 'abc'; can't understand 'abc'"],
    ['a=b,abc', "invalid selector: 'a=b,abc'; can't understand 'abc'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('rejects %j with Kubernetes wording', (text, message) => {
    expect(() => parseFieldSelector(text)).toThrow(new SelectorError(message));
  });
});
