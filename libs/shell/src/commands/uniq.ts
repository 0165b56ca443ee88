/** `uniq [-cdui] [INPUT [OUTPUT]]`: collapses runs of equal adjacent lines. */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage, readOperand, splitLines } from './applet.js';
import { fsFailure } from './fs-failure.js';

/** Prints one line of each run; -c prefixes the run length, -d keeps repeated runs, -u unique ones. */
export function uniq(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'cduiz', values: 'fsw' }, '[-cduiz] [-f,s,w N] [FILE [OUTFILE]]');
  if (typeof parsed === 'number') return parsed;
  const [source = '-', target] = parsed.operands;
  const text = readOperand(context, source);
  if (text === undefined) return 1;
  const { flags } = parsed;
  const same = (a: string, b: string) => (flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  let output = '';
  const lines = splitLines(text);
  for (let start = 0; start < lines.length; ) {
    let end = start + 1;
    while (end < lines.length && same(lines[start], lines[end])) end++;
    const count = end - start;
    if ((!flags.has('d') || count > 1) && (!flags.has('u') || count === 1)) {
      output += `${flags.has('c') ? `${String(count).padStart(7)} ` : ''}${lines[start]}\n`;
    }
    start = end;
  }
  if (target === undefined || target === '-') context.stdout(output);
  else {
    try {
      context.fs.write(context.resolve(target), output);
    } catch (error) {
      return complain(context, `can't open '${target}': ${fsFailure(error)}`);
    }
  }
  return 0;
}
