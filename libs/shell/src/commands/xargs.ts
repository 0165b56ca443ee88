/**
 * busybox `xargs [-0rt] [-n N] [-I STR] [-s N] [PROG ARGS]`: builds command
 * lines from standard input (blank-separated words with quotes, or lines
 * with -I) and runs them one after another.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';

const SYNOPSIS = '[OPTIONS] [PROG ARGS]';
const SOME_FAILED = 123;
const ABORTED = 124;
const NOT_FOUND = 127;
const MAX_ARGS_DEFAULT = 5000;

class QuoteError extends Error {}

/** Runs PROG (default echo) with the words of its input appended, or substituted for -I's STR. */
export async function xargs(context: CommandContext): Promise<number> {
  const parsed = parseOrUsage(context, { flags: '0rtpxe', values: 'nIisPEd' }, SYNOPSIS, leadingOptions(context.args));
  if (typeof parsed === 'number') return parsed;
  const command = context.args.slice(context.args.length - commandLength(context.args));
  const program = command.length > 0 ? command : ['echo'];
  const replace = parsed.values.get('I') ?? parsed.values.get('i');
  const perCommand = parsed.values.has('n') ? Number(parsed.values.get('n')) : MAX_ARGS_DEFAULT;
  if (!Number.isInteger(perCommand) || perCommand < 1) return complain(context, `invalid number '${parsed.values.get('n')}'`);
  let items: string[];
  try {
    items = replace !== undefined ? context.input.split('\n').filter((line) => line.trim() !== '').map((line) => line.replace(/^[ \t]+/, '')) : parsed.flags.has('0') ? context.input.split('\0').filter((item) => item !== '') : words(context.input);
  } catch (error) {
    if (error instanceof QuoteError) return complain(context, error.message);
    throw error;
  }
  if (items.length === 0 && parsed.flags.has('r')) return 0;
  if (!context.isCommand(program[0])) return complain(context, `${program[0]}: No such file or directory`, NOT_FOUND);
  const batches: string[][] = [];
  if (replace !== undefined) for (const item of items) batches.push(program.map((word) => word.replaceAll(replace, item)));
  else if (items.length === 0) batches.push([...program]);
  else for (let i = 0; i < items.length; i += perCommand) batches.push([...program, ...items.slice(i, i + perCommand)]);
  let status = 0;
  for (const argv of batches) {
    if (parsed.flags.has('t')) context.stderr(`${argv.join(' ')}\n`);
    const result = await context.exec(argv, context.env);
    if (result === 255) return complain(context, `${argv[0]}: exited with status 255; aborting`, ABORTED);
    if (result === NOT_FOUND || result === 126) return result;
    if (result !== 0) status = SOME_FAILED;
  }
  return status;
}

/** The option words before PROG (xargs stops parsing at the first operand). */
function leadingOptions(args: readonly string[]): string[] {
  return args.slice(0, args.length - commandLength(args));
}

function commandLength(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return args.length - i - 1;
    if (!arg.startsWith('-') || arg === '-') return args.length - i;
    if (/^-[0rtpxe]*[nIisPEd]$/.test(arg)) i++;
  }
  return 0;
}

/** Blank-separated words; quotes group and backslash escapes, as xargs reads them. */
function words(input: string): string[] {
  const result: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (char === '"' || char === "'") {
      const close = input.indexOf(char, i + 1);
      const newline = input.indexOf('\n', i + 1);
      if (close < 0 || (newline >= 0 && newline < close)) throw new QuoteError(`unmatched ${char === '"' ? 'double' : 'single'} quote`);
      current += input.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (char === '\\' && i + 1 < input.length) {
      current += input[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) result.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) result.push(current);
  return result;
}
