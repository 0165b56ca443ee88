/**
 * Backslash escapes as `echo -e`, `printf`'s format and `printf %b` read them.
 * The two differ only in octal: echo and %b want `\0nnn`, a printf format `\nnn`.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Which octal spelling applies: `\0nnn` (echo, %b) or `\nnn` (printf formats). */
export type OctalStyle = 'zero-prefixed' | 'plain';

/** `text` with escapes replaced; `stopped` when `\c` cut the output short. */
export function interpretEscapes(text: string, octal: OctalStyle): { text: string; stopped: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c !== '\\' || next === undefined) {
      out += c;
      continue;
    }
    if (next === 'c') return { text: out, stopped: true };
    const digits = octalDigits(text, i + 1, octal);
    if (digits) {
      out += String.fromCharCode(parseInt(digits.value || '0', 8));
      i += digits.consumed;
    } else if (next === 'x' && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else out += c;
  }
  return { text: out, stopped: false };
}

function octalDigits(text: string, at: number, octal: OctalStyle): { value: string; consumed: number } | undefined {
  if (octal === 'zero-prefixed') {
    if (text[at] !== '0') return undefined;
    const value = /^[0-7]{0,3}/.exec(text.slice(at + 1))![0];
    return { value, consumed: 1 + value.length };
  }
  const value = /^[0-7]{1,3}/.exec(text.slice(at))?.[0];
  return value === undefined ? undefined : { value, consumed: value.length };
}
