import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch.js';
import { PatchError } from './patch-error.js';

describe('applyJsonPatch', () => {
  // RFC 6902 Appendix A examples that succeed.
  it.each([
    ['A.1 adding an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
    ['A.2 adding an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
    ['A.3 removing an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['A.4 removing an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    ['A.5 replacing a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
    [
      'A.6 moving a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    ['A.7 moving an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
    [
      'A.8 testing a value: success',
      { baz: 'qux', foo: ['a', 2, 'c'] },
      [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
      ],
      { baz: 'qux', foo: ['a', 2, 'c'] },
    ],
    ['A.10 adding a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
    ['A.11 ignoring unrecognized elements', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
    ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
    ['A.16 adding an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
  ])('%s', (_name, target, operations, expected) => {
    expect(applyJsonPatch(target, operations)).toEqual(expected);
  });

  // More successes: the root, copies, escapes, kubectl-style paths.
  it.each([
    ['add at the root replaces the document', { a: 1 }, [{ op: 'add', path: '', value: { b: 2 } }], { b: 2 }],
    ['replace at the root', { a: 1 }, [{ op: 'replace', path: '', value: [1] }], [1]],
    ['add replaces an existing member', { a: 1 }, [{ op: 'add', path: '/a', value: 2 }], { a: 2 }],
    ['add at the array end with its length', { a: [1] }, [{ op: 'add', path: '/a/1', value: 2 }], { a: [1, 2] }],
    ['add with - appends', { a: [] }, [{ op: 'add', path: '/a/-', value: 1 }], { a: [1] }],
    ['copy', { a: { b: [1] } }, [{ op: 'copy', from: '/a', path: '/c' }], { a: { b: [1] }, c: { b: [1] } }],
    ['move to the same place is a no-op', { a: 1 }, [{ op: 'move', from: '/a', path: '/a' }], { a: 1 }],
    ['replace with null', { a: 1 }, [{ op: 'replace', path: '/a', value: null }], { a: null }],
    ['test of null', { a: null }, [{ op: 'test', path: '/a', value: null }], { a: null }],
    ['test ignores key order', { a: { x: 1, y: [1, { z: 2 }] } }, [{ op: 'test', path: '/a', value: { y: [1, { z: 2 }], x: 1 } }], { a: { x: 1, y: [1, { z: 2 }] } }],
    [
      'escaped annotation key',
      { metadata: { annotations: {} } },
      [{ op: 'add', path: '/metadata/annotations/example.com~1owner', value: 'me' }],
      { metadata: { annotations: { 'example.com/owner': 'me' } } },
    ],
    [
      'scale a deployment',
      { spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x:1' }] } } } },
      [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'x:2' },
      ],
      { spec: { replicas: 3, template: { spec: { containers: [{ name: 'a', image: 'x:2' }] } } } },
    ],
    ['an empty patch', { a: 1 }, [], { a: 1 }],
  ])('%s', (_name, target, operations, expected) => {
    expect(applyJsonPatch(target, operations)).toEqual(expected);
  });

  it.each([
    ['A.9 testing a value: error', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }], 'testing value /baz failed: test failed'],
    ['A.12 adding to a nonexistent target', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }], 'add operation does not apply: doc is missing path: "/baz/bat": missing value'],
    ['A.15 comparing strings and numbers', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }], 'testing value /~01 failed: test failed'],
    ['remove of a missing member', { spec: {} }, [{ op: 'remove', path: '/spec/foo' }], 'remove operation does not apply: doc is missing path: "/spec/foo": missing value'],
    ['remove past the array end', { a: [1] }, [{ op: 'remove', path: '/a/1' }], 'remove operation does not apply: doc is missing path: "/a/1": missing value'],
    ['remove with -', { a: [1] }, [{ op: 'remove', path: '/a/-' }], 'remove operation does not apply: doc is missing path: "/a/-": missing value'],
    ['remove of the root', { a: 1 }, [{ op: 'remove', path: '' }], 'remove operation does not apply: cannot remove the document root'],
    ['replace of a missing member', { a: 1 }, [{ op: 'replace', path: '/b', value: 2 }], 'replace operation does not apply: doc is missing path: "/b": missing value'],
    ['add past the array end', { a: [1] }, [{ op: 'add', path: '/a/5', value: 2 }], 'error in add for path: "/a/5": Unable to access invalid index: 5: invalid index referenced'],
    ['add at a leading-zero index', { a: [1, 2] }, [{ op: 'add', path: '/a/01', value: 2 }], 'Unable to access invalid index: 01'],
    ['add at a negative index', { a: [1, 2] }, [{ op: 'add', path: '/a/-1', value: 2 }], 'Unable to access invalid index: -1'],
    ['add under a primitive', { a: 1 }, [{ op: 'add', path: '/a/b', value: 2 }], 'add operation does not apply: doc is missing path: "/a/b": missing value'],
    ['test of a missing member', { a: 1 }, [{ op: 'test', path: '/b', value: null }], 'testing value /b failed: test failed'],
    ['move from a missing member', { a: 1 }, [{ op: 'move', from: '/b', path: '/c' }], 'move operation does not apply: doc is missing from path: "/b": missing value'],
    ['copy from a missing member', { a: 1 }, [{ op: 'copy', from: '/b', path: '/c' }], 'copy operation does not apply: doc is missing from path: "/b": missing value'],
    ['move into its own child', { a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }], 'move operation does not apply: cannot move "/a" into its own child "/a/b/c"'],
    ['an unknown op', { a: 1 }, [{ op: 'spam', path: '/a' }], 'Unexpected kind: spam'],
    ['a missing op', { a: 1 }, [{ path: '/a' }], 'Unexpected kind: unknown'],
    ['a missing path', { a: 1 }, [{ op: 'remove' }], 'remove operation missing path field: missing value'],
    ['a missing from', { a: 1 }, [{ op: 'copy', path: '/b' }], 'copy operation missing from field: missing value'],
    ['a missing value', { a: 1 }, [{ op: 'add', path: '/b' }], 'add operation missing value field: missing value'],
    ['an operation that is not an object', { a: 1 }, ['remove'], 'invalid JSON patch operation: "remove"'],
    ['a pointer without a leading slash', { a: 1 }, [{ op: 'remove', path: 'a' }], 'invalid JSON pointer: "a"'],
    ['a patch that is not a list', { a: 1 }, { op: 'remove', path: '/a' }, 'a JSON patch must be a list of operations'],
    ['a failure after earlier operations', { a: 1 }, [{ op: 'remove', path: '/a' }, { op: 'remove', path: '/a' }], 'remove operation does not apply: doc is missing path: "/a": missing value'],
  ])('%s throws', (_name, target, operations, message) => {
    expect(() => applyJsonPatch(target, operations)).toThrow(PatchError);
    expect(() => applyJsonPatch(target, operations)).toThrow(message);
  });

  it('never changes the target or the operations, even when later operations edit an added value', () => {
    const target = { a: { b: 1 }, list: [1, 2] };
    const operations = [
      { op: 'add', path: '/c', value: { d: [] } },
      { op: 'add', path: '/c/d/-', value: 1 },
      { op: 'remove', path: '/a/b' },
      { op: 'remove', path: '/list/0' },
    ];
    const before = structuredClone({ target, operations });
    expect(applyJsonPatch(target, operations)).toEqual({ a: {}, list: [2], c: { d: [1] } });
    expect({ target, operations }).toEqual(before);
  });

  it('leaves the target untouched when a later operation fails', () => {
    const target = { a: 1 };
    expect(() =>
      applyJsonPatch(target, [
        { op: 'replace', path: '/a', value: 2 },
        { op: 'test', path: '/a', value: 1 },
      ]),
    ).toThrow('testing value /a failed');
    expect(target).toEqual({ a: 1 });
  });

  it('treats __proto__ as an ordinary member', () => {
    const result = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as object;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(() => applyJsonPatch({}, [{ op: 'remove', path: '/constructor' }])).toThrow('doc is missing path: "/constructor"');
  });
});
