import { describe, expect, it } from 'vitest';
import { parseJsonPointer } from './json-pointer.js';
import { PatchError } from './patch-error.js';

describe('parseJsonPointer', () => {
  it.each([
    ['', []],
    ['/', ['']],
    ['/foo', ['foo']],
    ['/foo/0', ['foo', '0']],
    ['/a~1b', ['a/b']],
    ['/m~0n', ['m~n']],
    ['/~01', ['~1']],
    ['/metadata/annotations/kubectl.kubernetes.io~1restartedAt', ['metadata', 'annotations', 'kubectl.kubernetes.io/restartedAt']],
  ])('%j → %j', (pointer, tokens) => {
    expect(parseJsonPointer(pointer)).toEqual(tokens);
  });

  it.each(['foo', 'foo/bar', '/a~2b', '/a~'])('rejects %j', (pointer) => {
    expect(() => parseJsonPointer(pointer)).toThrow(PatchError);
    expect(() => parseJsonPointer(pointer)).toThrow(`invalid JSON pointer: "${pointer}"`);
  });
});
