/** Whether a command name would run, for applets that start commands (xargs, timeout) and must say "not found" their own way. */
import type { CommandContext } from './command-context.js';
import { SHELL_NAMES } from '../shell/shell.js';
import { UTILITIES } from './utilities.js';

/** True for a utility, a shell, or a path to a script file. */
export function isKnownCommand(context: CommandContext, name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (UTILITIES.has(base) || SHELL_NAMES.has(base)) return true;
  return name.includes('/') && context.fs.isFile(context.resolve(name));
}
