/**
 * `tail [-n N] [-c N] [-fFqv] [FILE]…` (also `tail -5`, `-n +N`). With -f it
 * keeps following the file on the lab clock until the container is killed,
 * which is how `tail -f /dev/null` keeps a container alive and how logging
 * sidecars stream a shared log file.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage, readOperand } from './applet.js';
import { modernizeCountArgs, parseCount } from './head-tail-count.js';

const SYNOPSIS = '[OPTIONS] [FILE]...';
const OPTIONS = { flags: 'fFqv', values: 'ncs', long: { lines: { key: 'n', value: true }, bytes: { key: 'c', value: true }, follow: { key: 'f' } } };
const POLL_SECONDS = 1;

/** Prints the last lines (or bytes) of each file, then follows them with -f/-F. */
export async function tail(context: CommandContext): Promise<number> {
  const args = modernizeCountArgs(context.args, true);
  const parsed = parseOrUsage(context, OPTIONS, SYNOPSIS, args);
  if (typeof parsed === 'number') return parsed;
  const bytes = parsed.values.has('c');
  const countText = parsed.values.get(bytes ? 'c' : 'n') ?? '10';
  const count = parseCount(countText);
  if (!count) return complain(context, `invalid number '${countText}'`);
  const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const headers = parsed.flags.has('v') || (operands.length > 1 && !parsed.flags.has('q'));
  const follow = parsed.flags.has('f') || parsed.flags.has('F');
  let status = 0;
  let first = true;
  const sizes = new Map<string, number>();
  for (const operand of operands) {
    const text = readOperand(context, operand);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (headers) context.stdout(`${first ? '' : '\n'}==> ${operand === '-' ? 'standard input' : operand} <==\n`);
    first = false;
    context.stdout(bytes ? lastBytes(text, count.value, count.sign === '+') : lastLines(text, count.value, count.sign === '+'));
    if (operand !== '-') sizes.set(operand, text.length);
  }
  if (!follow || (sizes.size === 0 && !parsed.flags.has('F'))) return status;
  return followFiles(context, parsed.flags.has('F') ? operands.filter((operand) => operand !== '-') : [...sizes.keys()], sizes, headers);
}

/** Polls the files on the lab clock and prints what was appended; ends only when the process is killed. */
async function followFiles(context: CommandContext, files: readonly string[], sizes: Map<string, number>, headers: boolean): Promise<number> {
  let current: string | undefined = files[files.length - 1];
  for (;;) {
    await context.runtime.sleep(POLL_SECONDS);
    for (const file of files) {
      const path = context.resolve(file);
      if (!context.fs.isFile(path)) continue;
      const text = context.fs.read(path);
      const seen = sizes.get(file) ?? 0;
      if (text.length === seen) continue;
      if (text.length < seen) complain(context, `${file}: file truncated`);
      if (headers && current !== file) context.stdout(`\n==> ${file} <==\n`);
      current = file;
      context.stdout(text.slice(text.length < seen ? 0 : seen));
      sizes.set(file, text.length);
    }
  }
}

function lastBytes(text: string, count: number, fromStart: boolean): string {
  return fromStart ? text.slice(Math.max(0, count - 1)) : text.slice(Math.max(0, text.length - count));
}

function lastLines(text: string, count: number, fromStart: boolean): string {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return (fromStart ? lines.slice(Math.max(0, count - 1)) : lines.slice(Math.max(0, lines.length - count))).join('');
}
