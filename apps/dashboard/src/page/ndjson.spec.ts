import { describe, expect, it } from 'vitest';
import { splitLines } from './ndjson.js';

describe('splitLines', () => {
  it.each([
    { buffer: '', chunk: '{"a":1}\n{"b"', lines: ['{"a":1}'], rest: '{"b"' },
    { buffer: '{"b"', chunk: ':2}\n', lines: ['{"b":2}'], rest: '' },
    { buffer: '', chunk: '\n\n{"c":3}\n', lines: ['{"c":3}'], rest: '' },
    { buffer: '{"d"', chunk: '', lines: [], rest: '{"d"' },
  ])('$buffer + $chunk', ({ buffer, chunk, lines, rest }) => {
    expect(splitLines(buffer, chunk)).toEqual({ lines, rest });
  });
});
