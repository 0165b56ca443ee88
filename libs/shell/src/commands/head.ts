/** `head [-n N] [-c N] [-qv] [FILE]…` (also `head -5`); a negative N prints all but the last N. */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage, readOperand } from './applet.js';
import { modernizeCountArgs, parseCount } from './head-tail-count.js';

const SYNOPSIS = '[OPTIONS] [FILE]...';
const OPTIONS = { flags: 'qv', values: 'nc', long: { lines: { key: 'n', value: true }, bytes: { key: 'c', value: true } } };

/** Prints the first lines (or bytes) of each file, with `==> FILE <==` headers when several. */
export function head(context: CommandContext): number {
  const args = modernizeCountArgs(context.args, false);
  const parsed = parseOrUsage(context, OPTIONS, SYNOPSIS, args);
  if (typeof parsed === 'number') return parsed;
  const bytes = parsed.values.has('c');
  const countText = parsed.values.get(bytes ? 'c' : 'n') ?? '10';
  const count = parseCount(countText);
  if (!count || count.sign === '+') return complain(context, `invalid number '${countText}'`);
  const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const headers = parsed.flags.has('v') || (operands.length > 1 && !parsed.flags.has('q'));
  let status = 0;
  let first = true;
  for (const operand of operands) {
    const text = readOperand(context, operand, 'path');
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (headers) context.stdout(`${first ? '' : '\n'}==> ${operand === '-' ? 'standard input' : operand} <==\n`);
    first = false;
    context.stdout(bytes ? sliceBytes(text, count.value, count.sign === '-') : sliceLines(text, count.value, count.sign === '-'));
  }
  return status;
}

function sliceBytes(text: string, count: number, allBut: boolean): string {
  return allBut ? text.slice(0, Math.max(0, text.length - count)) : text.slice(0, count);
}

function sliceLines(text: string, count: number, allBut: boolean): string {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return (allBut ? lines.slice(0, Math.max(0, lines.length - count)) : lines.slice(0, count)).join('');
}
