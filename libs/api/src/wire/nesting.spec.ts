import { describe, expect, it } from 'vitest';
import { exceededMaxDepth, tooDeep } from './nesting.js';

const nested = (depth: number, open: string, close: string) => JSON.parse(`${open.repeat(depth)}${close.repeat(depth)}`);

describe('tooDeep', () => {
  it('passes a value at the limit and names the bracket past it', () => {
    expect(tooDeep(nested(500, '[', ']'))).toBeUndefined();
    expect(tooDeep(nested(501, '[', ']'))).toBe('[');
    expect(tooDeep(JSON.parse(`${'{"a":'.repeat(600)}1${'}'.repeat(600)}`))).toBe('{');
    expect(tooDeep({ a: [1, { b: 'x' }] }, 2)).toBe('{');
    expect(tooDeep('x')).toBeUndefined();
  });

  it('walks 100000 levels without recursing', () => {
    expect(tooDeep(nested(100_000, '[', ']'))).toBe('[');
  });

  it('words it as encoding/json does', () => {
    expect(exceededMaxDepth('{')).toBe("invalid character '{' exceeded max depth");
  });
});
