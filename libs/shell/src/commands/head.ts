/**
 * `head [-n N] [-c N] [-qv] [FILE]…` (also `head -5`); a negative N prints all
 * but the last N. Standard input is read as it arrives and only as far as
 * needed, so `yes | head -n 3` ends.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage, readOperand } from './applet.js';
import { modernizeCountArgs, parseCount } from './head-tail-count.js';

const SYNOPSIS = '[OPTIONS] [FILE]...';
const OPTIONS = { flags: 'qv', values: 'nc', long: { lines: { key: 'n', value: true }, bytes: { key: 'c', value: true } } };

/** Prints the first lines (or bytes) of each file, with `==> FILE <==` headers when several. */
export async function head(context: CommandContext): Promise<number> {
  const args = modernizeCountArgs(context.args, false);
  const parsed = parseOrUsage(context, OPTIONS, SYNOPSIS, args);
  if (typeof parsed === 'number') return parsed;
  const bytes = parsed.values.has('c');
  const countText = parsed.values.get(bytes ? 'c' : 'n') ?? '10';
  const count = parseCount(countText);
  if (!count || count.sign === '+') return complain(context, `invalid number '${countText}'`);
  const allBut = count.sign === '-';
  const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const headers = parsed.flags.has('v') || (operands.length > 1 && !parsed.flags.has('q'));
  let status = 0;
  let first = true;
  for (const operand of operands) {
    const streamed = operand === '-' && context.stdin !== undefined && !allBut;
    const text = streamed ? '' : readOperand(context, operand, 'path');
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (headers) context.stdout(`${first ? '' : '\n'}==> ${operand === '-' ? 'standard input' : operand} <==\n`);
    first = false;
    if (streamed) await (bytes ? streamBytes(context, count.value) : streamLines(context, count.value));
    else context.stdout(bytes ? sliceBytes(text, count.value, allBut) : sliceLines(text, count.value, allBut));
  }
  return status;
}

async function streamLines(context: CommandContext, count: number): Promise<void> {
  for (let left = count; left > 0; left--) {
    const line = await context.stdin!.readLine();
    if (line === undefined) return;
    context.stdout(line);
  }
}

async function streamBytes(context: CommandContext, count: number): Promise<void> {
  let left = count;
  while (left > 0) {
    const chunk = await context.stdin!.read();
    if (chunk === undefined) return;
    context.stdout(chunk.slice(0, left));
    left -= chunk.length;
  }
}

function sliceBytes(text: string, count: number, allBut: boolean): string {
  return allBut ? text.slice(0, Math.max(0, text.length - count)) : text.slice(0, count);
}

function sliceLines(text: string, count: number, allBut: boolean): string {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return (allBut ? lines.slice(0, Math.max(0, lines.length - count)) : lines.slice(0, count)).join('');
}
