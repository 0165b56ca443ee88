import { describe, expect, it } from 'vitest';
import { lexCaddyfile } from './caddyfile.js';

describe("the Caddyfile's lexer", () => {
  it('splits words on white space, drops comments, and keeps each word\'s line', () => {
    expect(lexCaddyfile('\uFEFF.:53 {  # the root\r\n  errors#inline\n}').map((t) => [t.line, t.text])).toEqual([[1, '.:53'], [1, '{'], [2, 'errors'], [3, '}']]);
  });

  it('reads quoted strings whole, escaped quotes in them, and a quote inside a word as a letter', () => {
    const tokens = lexCaddyfile('log . "{remote} \\"{name}\\"\n  {rcode}" a"b ""');
    expect(tokens.map((t) => [t.line, t.text])).toEqual([[1, 'log'], [1, '.'], [1, '{remote} "{name}"\n  {rcode}'], [2, 'a"b'], [2, '']]);
  });
});
