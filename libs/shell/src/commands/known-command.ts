/** Whether a command name would run, for applets that start commands (xargs, timeout) and must say "not found" their own way. */
import type { CommandContext } from './command-context.js';
import { UTILITIES } from './utilities.js';

const SHELLS = new Set(['sh', 'ash', 'bash']);

/** True for a utility, a shell, or a path to a script file. */
export function isKnownCommand(context: CommandContext, name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (UTILITIES.has(base) || SHELLS.has(base)) return true;
  return name.includes('/') && context.fs.isFile(context.resolve(name));
}
