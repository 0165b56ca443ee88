/**
 * `yes [STRING]…`. Endless in reality; here a command's output is collected
 * before the next command reads it, so yes stops after `OUTPUT_LIMIT` bytes
 * (enough for `yes | head -n 1000`) instead of filling memory.
 */
import type { CommandContext } from './command-context.js';

/** The bytes yes prints before it stops. */
export const OUTPUT_LIMIT = 64 * 1024;

/** Prints STRING (default `y`) line after line, up to OUTPUT_LIMIT bytes. */
export function yes(context: CommandContext): number {
  const line = `${context.args.length > 0 ? context.args.join(' ') : 'y'}\n`;
  context.stdout(line.repeat(Math.max(1, Math.floor(OUTPUT_LIMIT / line.length))));
  return 0;
}
