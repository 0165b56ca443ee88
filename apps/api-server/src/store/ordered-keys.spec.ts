import { describe, expect, it } from 'vitest';
import { firstAfter, OrderedKeys } from './ordered-keys.js';

/** A set of keys as the store holds them, with its OrderedKeys told of each change as the store tells it. */
function tracked(initial: string[]) {
  const present = new Set(initial);
  const ordered = new OrderedKeys(() => present.keys());
  return {
    ordered,
    add(key: string) {
      if (!present.has(key)) ordered.changed(key, true);
      present.add(key);
    },
    remove(key: string) {
      if (present.has(key)) ordered.changed(key, false);
      present.delete(key);
    },
    expected: () => [...present].sort(),
  };
}

describe('OrderedKeys', () => {
  it('sorts the keys at the first read', () => {
    expect(tracked(['b/x', 'a/y', 'a/x']).ordered.sorted()).toEqual(['a/x', 'a/y', 'b/x']);
  });

  it.each<{ title: string; steps: ['add' | 'remove', string][] }>([
    { title: 'keys added between reads go in their places', steps: [['add', 'a/a'], ['add', 'c/z'], ['add', 'b/m'], ['add', 'b/a']] },
    { title: 'keys removed between reads are gone', steps: [['remove', 'b/b'], ['remove', 'a/a'], ['remove', 'c/c']] },
    { title: 'a key removed and added again stays once', steps: [['remove', 'b/b'], ['add', 'b/b']] },
    { title: 'a key added and removed again is not there', steps: [['add', 'b/c'], ['remove', 'b/c']] },
    { title: 'adds and removes at the same place', steps: [['remove', 'b/b'], ['add', 'b/ba'], ['add', 'b/a'], ['remove', 'a/a'], ['add', 'a/0']] },
    { title: 'every key replaced', steps: [['remove', 'a/a'], ['remove', 'b/b'], ['remove', 'c/c'], ['add', 'd/d'], ['add', '0/0']] },
  ])('$title', ({ steps }) => {
    const keys = tracked(['a/a', 'b/b', 'c/c']);
    keys.ordered.sorted();
    for (const [op, key] of steps) keys[op](key);
    expect(keys.ordered.sorted()).toEqual(keys.expected());
  });

  it('follows a long run of changes with reads now and then', () => {
    const keys = tracked(Array.from({ length: 300 }, (_, i) => `ns-${i % 7}/pod-${i}`));
    for (let step = 0; step < 5000; step++) {
      const key = `ns-${(step * 31) % 7}/pod-${(step * 7919) % 600}`;
      if ((step * 13) % 5 < 3) keys.add(key);
      else keys.remove(key);
      if (step % 97 === 0) expect(keys.ordered.sorted()).toEqual(keys.expected());
    }
    expect(keys.ordered.sorted()).toEqual(keys.expected());
  });

  it('is right after more changes than it has keys, none read meanwhile', () => {
    const keys = tracked(['a/a']);
    keys.ordered.sorted();
    for (let i = 0; i < 3000; i++) keys.add(`b/${i}`);
    keys.remove('a/a');
    expect(keys.ordered.sorted()).toEqual(keys.expected());
  });

  it('leaves the keys an earlier read gave unchanged, for a walk under way', () => {
    const keys = tracked(['a/a', 'c/c']);
    const earlier = keys.ordered.sorted();
    keys.add('b/b');
    keys.remove('a/a');
    expect(keys.ordered.sorted()).toEqual(['b/b', 'c/c']);
    expect(earlier).toEqual(['a/a', 'c/c']);
  });
});

describe('firstAfter', () => {
  it.each([
    { key: 'b', strictly: false, expected: 1 },
    { key: 'b', strictly: true, expected: 2 },
    { key: 'bb', strictly: false, expected: 2 },
    { key: '', strictly: false, expected: 0 },
    { key: 'z', strictly: false, expected: 3 },
  ])('$key (strictly: $strictly) is at $expected of a, b, c', ({ key, strictly, expected }) => {
    expect(firstAfter(['a', 'b', 'c'], key, strictly)).toBe(expected);
  });
});
