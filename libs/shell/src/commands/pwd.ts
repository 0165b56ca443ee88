/** `pwd`: prints the working directory. */
import type { CommandContext } from './command-context.js';

/** Prints the shell's working directory. */
export function pwd(context: CommandContext): number {
  context.stdout(`${context.cwd}\n`);
  return 0;
}
