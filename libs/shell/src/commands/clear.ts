/** `clear`: the ANSI sequence busybox sends (cursor home, erase screen, erase scrollback). */
import type { CommandContext } from './command-context.js';

/** Clears the terminal. */
export function clear(context: CommandContext): number {
  context.stdout('\x1b[H\x1b[J\x1b[3J');
  return 0;
}
