/**
 * POSIX regular expressions (basic and extended, with the GNU extensions
 * busybox accepts: `\+ \? \|` in BREs, `\< \> \b \w \s`) rewritten as
 * JavaScript RegExp source, for grep, sed, expr and awk.
 */

const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
  word: 'a-zA-Z0-9_',
};

/** Thrown for a pattern POSIX rejects; `message` is what regcomp's regerror says. */
export class RegexSyntaxError extends Error {}

/** The JavaScript source for a POSIX BRE (`extended` false) or ERE. */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  let depth = 0;
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    const wasStart: boolean = atStart;
    atStart = false;
    if (char === '[') {
      const { source, end } = bracket(pattern, i);
      out += source;
      i = end;
    } else if (char === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw new RegexSyntaxError('Trailing backslash');
      if (!extended && next === '(') {
        out += '(';
        depth++;
        atStart = true;
      } else if (!extended && next === ')') {
        if (depth-- === 0) throw new RegexSyntaxError('Unmatched ) or \\)');
        out += ')';
      } else if (!extended && next === '{') {
        const close = pattern.indexOf('\\}', i);
        if (close < 0) throw new RegexSyntaxError('Unmatched \\{');
        out += `{${pattern.slice(i + 1, close)}}`;
        i = close + 1;
      } else if (!extended && next === '|') {
        out += '|';
        atStart = true;
      } else if (!extended && (next === '+' || next === '?')) out += next;
      else if (next === '<') out += '\\b(?=\\w)';
      else if (next === '>') out += '\\b(?<=\\w)';
      else if (/[bBwWsS1-9]/.test(next)) out += `\\${next}`;
      else if (next === 'n') out += '\\n';
      else if (next === 't') out += '\\t';
      else out += escapeLiteral(next);
    } else if (char === '*') {
      out += wasStart ? '\\*' : '*';
    } else if (extended && '+?{}|()'.includes(char)) {
      if (char === '(') {
        depth++;
        atStart = true;
      } else if (char === ')' && depth-- === 0) throw new RegexSyntaxError('Unmatched ) or \\)');
      if (char === '|') atStart = true;
      out += char;
    } else if (char === '^') {
      out += wasStart || extended ? '^' : '\\^';
      atStart = wasStart;
    } else if (char === '$') {
      const ending = extended || i === pattern.length - 1 || pattern.startsWith('\\)', i + 1) || pattern.startsWith('\\|', i + 1);
      out += ending ? '$' : '\\$';
    } else if (char === '.') out += '.';
    else out += escapeLiteral(char);
  }
  if (depth > 0) throw new RegexSyntaxError('Unmatched ( or \\(');
  return out;
}

/** A compiled POSIX pattern; `.` matches any byte but newline, as in the C locale. */
export function compilePosix(pattern: string, options: { extended: boolean; ignoreCase?: boolean; global?: boolean }): RegExp {
  const flags = `${options.ignoreCase ? 'i' : ''}${options.global ? 'g' : ''}`;
  try {
    return new RegExp(posixToJs(pattern, options.extended), flags);
  } catch (error) {
    if (error instanceof RegexSyntaxError) throw error;
    throw new RegexSyntaxError('Invalid regular expression');
  }
}

function bracket(pattern: string, start: number): { source: string; end: number } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (char === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      const name = close < 0 ? undefined : pattern.slice(i + 2, close);
      const members = name === undefined ? undefined : CLASSES[name];
      if (members === undefined) throw new RegexSyntaxError('Invalid character class name');
      body += members;
      i = close + 1;
    } else if (char === '\\' || char === ']' || char === '[' || (char === '^' && body === '')) body += `\\${char}`;
    else body += char;
  }
  throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
}

function escapeLiteral(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}
