/**
 * vi's command line (`:`), parsed: an optional line range (`%`, `N`, `.`,
 * `$`, `N,M`, each with `+N`/`-N`), a command name with its `!`, and its
 * argument; and the parts of `:s/pattern/replacement/flags` with vim's
 * replacement escapes (`&`, `\1`…`\9`, `\r` to split the line).
 */

/** A parsed command line; lines are 0-based and already clamped to the buffer. */
export interface ExCommand {
  /** The lines the range names; undefined when none was given. */
  readonly range: { readonly from: number; readonly to: number } | undefined;
  /** The command name as typed (`w`, `wq`, `s`, `set`…); '' for a bare range (go to its line). */
  readonly name: string;
  readonly bang: boolean;
  /** What follows the name (and `!`), spaces trimmed at the start. */
  readonly argument: string;
}

/** The parts of an `:s` command. */
export interface Substitution {
  /** The pattern as typed (undefined when empty: the last search pattern). */
  readonly pattern: string | undefined;
  readonly replacement: string;
  readonly global: boolean;
  readonly ignoreCase: boolean;
}

const ADDRESS = /^(\d+|\.|\$)?((?:[+-]\d*)*)/;

/** Parses `text` (what follows `:`) against a buffer of `lineCount` lines with the cursor on `current`; undefined for an invalid range. */
export function parseEx(text: string, current: number, lineCount: number): ExCommand | undefined {
  let rest = text.replace(/^[\s:]+/, '');
  let range: ExCommand['range'];
  const clamp = (line: number) => Math.max(0, Math.min(lineCount - 1, line));
  if (rest.startsWith('%')) {
    range = { from: 0, to: lineCount - 1 };
    rest = rest.slice(1);
  } else {
    const first = address(rest, current, lineCount);
    if (first) {
      rest = rest.slice(first.length);
      let to = first.line;
      if (rest.startsWith(',')) {
        const second = address(rest.slice(1), current, lineCount);
        if (!second) return undefined;
        rest = rest.slice(1 + second.length);
        to = second.line;
      }
      if (first.line < -1 || to < -1) return undefined;
      range = { from: clamp(Math.min(first.line, to)), to: clamp(Math.max(first.line, to)) };
    }
  }
  const command = /^([a-zA-Z]*|&)(!?)\s*(.*)$/s.exec(rest.trimStart())!;
  return { range, name: command[1], bang: command[2] === '!', argument: command[3] };
}

/** One address and the characters it took; undefined when `text` does not start with one. */
function address(text: string, current: number, lineCount: number): { line: number; length: number } | undefined {
  const match = ADDRESS.exec(text)!;
  if (match[0] === '') return undefined;
  let line = match[1] === undefined || match[1] === '.' ? current : match[1] === '$' ? lineCount - 1 : Number(match[1]) - 1;
  for (const offset of match[2].match(/[+-]\d*/g) ?? []) line += (offset[0] === '-' ? -1 : 1) * (offset.length > 1 ? Number(offset.slice(1)) : 1);
  return { line, length: match[0].length };
}

/** Splits the argument of `:s` (`/pat/rep/g`, any punctuation as delimiter); undefined when there is none. */
export function parseSubstitution(argument: string): Substitution | undefined {
  const delimiter = argument[0];
  if (delimiter === undefined || /[\s\w\\"|]/.test(delimiter)) return undefined;
  const pattern = readUntil(argument, 1, delimiter);
  const replacement = readUntil(argument, pattern.end + 1, delimiter);
  const flags = argument.slice(replacement.end + 1);
  return {
    pattern: pattern.text === '' ? undefined : pattern.text,
    replacement: replacement.text,
    global: flags.includes('g'),
    ignoreCase: flags.includes('i'),
  };
}

/** The text from `start` up to an unescaped `delimiter` (a `\` before the delimiter is dropped), and where it stopped. */
function readUntil(text: string, start: number, delimiter: string): { text: string; end: number } {
  let out = '';
  let i = start;
  for (; i < text.length && text[i] !== delimiter; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      out += text[i + 1] === delimiter ? delimiter : text.slice(i, i + 2);
      i++;
    } else out += text[i];
  }
  return { text: out, end: i };
}

/** vim's replacement for one match: `&` and `\0` the match, `\1`…`\9` its groups, `\r` a line break, `\t` a tab, `\&` and `\\` themselves. */
export function expandReplacement(replacement: string, groups: readonly (string | undefined)[]): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const char = replacement[i];
    if (char === '&') out += groups[0] ?? '';
    else if (char === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i];
      if (/\d/.test(next)) out += groups[Number(next)] ?? '';
      else if (next === 'r') out += '\n';
      else if (next === 'n') out += '\0';
      else if (next === 't') out += '\t';
      else out += next;
    } else out += char;
  }
  return out;
}
