/** `dirname FILENAME`. */
import { usage, type CommandContext } from './command-context.js';

/** Prints FILENAME without its last segment (`.` when it has no directory). */
export function dirname(context: CommandContext): number {
  if (context.args.length !== 1 || (context.args[0].startsWith('-') && context.args[0] !== '-')) return usage(context, 'FILENAME');
  context.stdout(`${directoryOf(context.args[0])}\n`);
  return 0;
}

function directoryOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  return trimmed.slice(0, slash).replace(/\/+$/, '') || '/';
}
