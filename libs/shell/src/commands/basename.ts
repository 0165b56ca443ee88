/** `basename FILE [SUFFIX]`, `basename -a FILE…`, `basename -s SUFFIX FILE…`. */
import { usage, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';

const SYNOPSIS = 'FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...';

/** Prints each name without its directories (and without SUFFIX). */
export function basename(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'a', values: 's' }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  const { operands } = parsed;
  const several = parsed.flags.has('a') || parsed.values.has('s');
  if (operands.length === 0 || (!several && operands.length > 2)) return usage(context, SYNOPSIS);
  const suffix = parsed.values.get('s') ?? (several ? undefined : operands[1]);
  const names = several ? operands : [operands[0]];
  context.stdout(names.map((name) => `${strip(lastSegment(name), suffix)}\n`).join(''));
  return 0;
}

function lastSegment(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function strip(name: string, suffix: string | undefined): string {
  return suffix && name !== suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}
