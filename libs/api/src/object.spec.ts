import { describe, expect, it } from 'vitest';
import { cloneJson } from './object.js';

const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('cloneJson', () => {
  it('copies as JSON.parse(JSON.stringify(…)) does: undefined, functions and symbols left out of objects and null in arrays, NaN and Infinity null, toJSON written', () => {
    const value = {
      name: 'web', replicas: 3, ready: true, none: null, gone: undefined, act: () => 1, tag: Symbol('x'), [Symbol('key')]: 1,
      list: [1, undefined, () => 1, Symbol('y'), NaN, -Infinity, { deep: [{ deeper: 'yes' }] }, [[]]],
      counts: { nan: NaN, inf: Infinity, zero: -0 },
      at: new Date('2026-11-27T11:19:08Z'), bytes: Buffer.from('hi'),
      '2': 'an integer key', '1': 'comes first',
    };
    const copy = cloneJson(value);
    expect(copy).toEqual(viaJson(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(viaJson(value)));
  });

  it('shares nothing with the original', () => {
    const value = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', args: ['a'] }] } };
    const copy = cloneJson(value);
    copy.metadata.labels.app = 'changed';
    copy.spec.containers[0].args.push('b');
    expect(value).toEqual({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', args: ['a'] }] } });
  });

  it('keeps a "__proto__" key as a key, never as the copy\'s prototype', () => {
    const value = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}');
    const copy = cloneJson(value);
    expect(Object.getPrototypeOf(copy.metadata.labels)).toBe(Object.prototype);
    expect(Object.keys(copy.metadata.labels)).toEqual(['__proto__']);
    expect(copy.metadata.labels.polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  it('gives undefined for undefined, and primitives as they are', () => {
    expect(cloneJson(undefined)).toBeUndefined();
    expect(cloneJson('text')).toBe('text');
    expect(cloneJson(null)).toBeNull();
    expect(cloneJson(7)).toBe(7);
  });
});
