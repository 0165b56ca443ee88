/** `tr [-cds] SET1 [SET2]`: ranges (`a-z`), escapes (`\n`, `\012`) and classes (`[:upper:]`). */
import { usage, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';

const CLASSES: Readonly<Record<string, string>> = {
  alpha: range('a', 'z') + range('A', 'Z'),
  digit: range('0', '9'),
  alnum: range('0', '9') + range('A', 'Z') + range('a', 'z'),
  upper: range('A', 'Z'),
  lower: range('a', 'z'),
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  xdigit: '0123456789ABCDEFabcdef',
  cntrl: range('\x00', '\x1f') + '\x7f',
  print: range(' ', '~'),
  graph: range('!', '~'),
};
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** Translates, deletes (-d) or squeezes (-s) bytes of standard input. */
export function tr(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'cdsC' }, '[-cds] STRING1 [STRING2]');
  if (typeof parsed === 'number') return parsed;
  const { flags, operands } = parsed;
  const complement = flags.has('c') || flags.has('C');
  const remove = flags.has('d');
  const squeeze = flags.has('s');
  const needed = remove && squeeze ? 2 : remove || (squeeze && operands.length === 1) ? 1 : 2;
  if (operands.length < needed || operands.length > 2) return usage(context, '[-cds] STRING1 [STRING2]');
  const set1 = expand(operands[0]);
  const set2 = operands[1] === undefined ? '' : expand(operands[1]);
  const inSet1 = (char: string) => set1.includes(char) !== complement;
  const map = new Map<string, string>();
  if (!remove && set2 !== '') {
    const sources = complement ? allBytes().filter((char) => !set1.includes(char)) : [...set1];
    sources.forEach((char, index) => map.set(char, set2[Math.min(index, set2.length - 1)]));
  }
  const squeezeSet = remove || set2 === '' ? (char: string) => inSet1(char) : (char: string) => set2.includes(char);
  let out = '';
  for (const char of context.input) {
    if (remove && inSet1(char)) continue;
    const translated = map.get(char) ?? char;
    if (squeeze && out.endsWith(translated) && out !== '' && squeezeSet(translated)) continue;
    out += translated;
  }
  context.stdout(out);
  return 0;
}

function expand(set: string): string {
  let out = '';
  for (let i = 0; i < set.length; i++) {
    const classMatch = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (classMatch && CLASSES[classMatch[1]] !== undefined) {
      out += CLASSES[classMatch[1]];
      i += classMatch[0].length - 1;
      continue;
    }
    let char = set[i];
    if (char === '\\' && i + 1 < set.length) {
      const octal = /^[0-7]{1,3}/.exec(set.slice(i + 1));
      if (octal) {
        char = String.fromCharCode(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length;
      } else char = ESCAPES[set[++i]] ?? set[i];
    }
    if (set[i + 1] === '-' && i + 2 < set.length) {
      const end = set[i + 2] === '\\' ? expand(set.slice(i + 2, i + 4)) : set[i + 2];
      out += range(char, end[0]);
      i += set[i + 2] === '\\' ? 3 : 2;
    } else out += char;
  }
  return out;
}

function range(from: string, to: string): string {
  let out = '';
  for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) out += String.fromCharCode(code);
  return out;
}

function allBytes(): string[] {
  return [...range('\x00', '\xff')];
}
