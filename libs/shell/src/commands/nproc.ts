/** `nproc [--all] [--ignore=N]`: the node's CPUs (the emulator does not model CPU limits here). */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { CPU_COUNT } from './system-info.js';

/** Prints the number of processing units, less --ignore (at least 1). */
export function nproc(context: CommandContext): number {
  const parsed = parseOrUsage(context, { long: { all: { key: 'all' }, ignore: { key: 'ignore', value: true } } }, '[--all] [--ignore=N]');
  if (typeof parsed === 'number') return parsed;
  const ignore = parsed.values.get('ignore') ?? '0';
  if (!/^\d+$/.test(ignore)) return complain(context, `invalid number '${ignore}'`);
  context.stdout(`${Math.max(1, CPU_COUNT - Number(ignore))}\n`);
  return 0;
}
