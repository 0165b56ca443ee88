import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

const spec = { flags: 'qrf', values: 'OT', long: { spider: { key: 'spider' }, timeout: { key: 'T', value: true } } };

describe('parseOptions', () => {
  it.each([
    [['-rf', 'a', 'b'], ['r', 'f'], {}, ['a', 'b']],
    [['-qO-', 'url'], ['q'], { O: '-' }, ['url']],
    [['-O', 'file', 'url'], [], { O: 'file' }, ['url']],
    [['url', '--spider', '--timeout=5'], ['spider'], { T: '5' }, ['url']],
    [['--timeout', '3', '-', '--', '-q'], [], { T: '3' }, ['-', '-q']],
  ])('%j', (args, flags, values, operands) => {
    const parsed = parseOptions(args, spec);
    expect('error' in parsed ? parsed : { flags: [...parsed.flags], values: Object.fromEntries(parsed.values), operands: parsed.operands }).toEqual({
      flags,
      values,
      operands,
    });
  });

  it.each([
    [['-z'], "invalid option -- 'z'"],
    [['--nope'], "unrecognized option '--nope'"],
    [['-O'], "option requires an argument -- 'O'"],
    [['--timeout'], "option '--timeout' requires an argument"],
  ])('%j is an error', (args, error) => {
    expect(parseOptions(args, spec)).toEqual({ error });
  });
});
