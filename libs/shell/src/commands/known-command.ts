/**
 * Whether a command name would run: what the shell (and the test runner) answer a command context's `isCommand` with,
 * so xargs, timeout and which can say "not found" their own way without importing the table of utilities they are in.
 */
import type { CommandContext } from './command-context.js';
import { SHELL_NAMES } from '../shell/shell-names.js';
import { UTILITIES } from './utilities.js';

/** True for a utility, a shell, or a path to a script file. */
export function isKnownCommand(context: Pick<CommandContext, 'fs' | 'resolve'>, name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (UTILITIES.has(base) || SHELL_NAMES.has(base)) return true;
  return name.includes('/') && context.fs.isFile(context.resolve(name));
}
