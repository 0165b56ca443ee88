/** `seq [FIRST [INCREMENT]] LAST`, for loops such as `for i in $(seq 1 5)`. */
import { complain, usage, type CommandContext } from './command-context.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const MAX_NUMBERS = 1_000_000;

/** Prints the numbers from FIRST to LAST, one per line. */
export function seq(context: CommandContext): number {
  const args = context.args;
  if (args.length === 0 || args.length > 3) return usage(context, '[FIRST [INC]] LAST');
  const invalid = args.find((arg) => !NUMBER.test(arg));
  if (invalid !== undefined) return complain(context, `invalid number '${invalid}'`);
  const [first, increment, last] =
    args.length === 1 ? [1, 1, Number(args[0])] : args.length === 2 ? [Number(args[0]), 1, Number(args[1])] : args.map(Number);
  if (increment === 0 || (last - first) / increment > MAX_NUMBERS) return complain(context, 'too many numbers');
  const decimals = Math.max(...args.slice(0, args.length === 1 ? 0 : 2).map((arg) => arg.split('.')[1]?.length ?? 0), 0);
  let out = '';
  for (let value = first; increment > 0 ? value <= last + 1e-9 : value >= last - 1e-9; value += increment) {
    out += `${value.toFixed(decimals)}\n`;
  }
  context.stdout(out);
  return 0;
}
