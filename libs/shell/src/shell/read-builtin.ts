/**
 * `read [-r] [-s] [-p PROMPT] [NAME…]`: one line of standard input into
 * variables, split on IFS with the last name taking the rest (`while IFS=:
 * read user _ uid _; do …; done < /etc/passwd`). It takes exactly one line
 * from the shared stdin, so the next `read` (or command) gets the next one.
 */
import type { ShellState } from './shell-state.js';
import type { Streams } from './streams.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IFS_WHITESPACE = ' \t\n';
const DEFAULT_IFS = ' \t\n';

/** Status 0 after a whole line, 1 at end of input (a last line without newline is still assigned). */
export async function read(shell: ShellState, args: readonly string[], streams: Streams): Promise<number> {
  let raw = false;
  let i = 0;
  for (; i < args.length && /^-./.test(args[i]); i++) {
    const arg = args[i];
    if (arg === '--') {
      i++;
      break;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j];
      if (letter === 'r') raw = true;
      else if (letter === 's') continue;
      else if (letter === 'p') {
        const prompt = arg.length > j + 1 ? arg.slice(j + 1) : args[++i];
        if (prompt === undefined) return fail(shell, streams, '-p: requires an argument');
        streams.stderr(prompt);
        break;
      } else return fail(shell, streams, `-${letter}: invalid option`);
    }
  }
  const names = args.slice(i);
  const invalid = names.find((name) => !NAME.test(name));
  if (invalid !== undefined) return fail(shell, streams, `'${invalid}': not a valid identifier`);
  let line = '';
  let complete = false;
  for (;;) {
    const chunk = await shell.readLine(streams.stdin);
    if (chunk === undefined) break;
    complete = chunk.endsWith('\n');
    const text = complete ? chunk.slice(0, -1) : chunk;
    if (!raw && complete && /(^|[^\\])(\\\\)*\\$/.test(text)) {
      line += text.slice(0, -1);
      continue;
    }
    line += text;
    break;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  if (names.length === 0) shell.set('REPLY', line);
  else splitFields(line, shell.get('IFS') ?? DEFAULT_IFS, names.length).forEach((value, index) => shell.set(names[index], value));
  return complete ? 0 : 1;
}

/** Splits `line` into at most `count` fields the way `read` does: the last field keeps the rest of the line. */
export function splitFields(line: string, ifs: string, count: number): string[] {
  const isSeparator = (c: string) => ifs.includes(c);
  const isBlank = (c: string) => isSeparator(c) && IFS_WHITESPACE.includes(c);
  const fields: string[] = [];
  let i = 0;
  const skipBlanks = () => {
    while (i < line.length && isBlank(line[i])) i++;
  };
  skipBlanks();
  while (fields.length < count - 1 && i < line.length) {
    const start = i;
    while (i < line.length && !isSeparator(line[i])) i++;
    fields.push(line.slice(start, i));
    skipBlanks();
    if (i < line.length && isSeparator(line[i]) && !isBlank(line[i])) {
      i++;
      skipBlanks();
    }
  }
  let end = line.length;
  while (end > i && isBlank(line[end - 1])) end--;
  fields.push(line.slice(i, end));
  while (fields.length < count) fields.push('');
  return fields;
}

function fail(shell: ShellState, streams: Streams, message: string): number {
  streams.stderr(`${shell.program}: read: ${message}\n`);
  return 2;
}
