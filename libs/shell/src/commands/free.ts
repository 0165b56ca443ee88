/** `free [-bkmgh]`, busybox's columns, from /proc/meminfo when present (else a typical 8 GiB node). */
import type { CommandContext } from './command-context.js';
import { humanSize } from './disk-usage.js';
import { memoryInfo } from './system-info.js';

const UNITS: Readonly<Record<string, number>> = { '-b': 1, '-k': 1024, '-m': 1024 ** 2, '-g': 1024 ** 3, '-h': 0 };

/** Prints memory and swap totals in KiB (or the unit the option asks for). */
export function free(context: CommandContext): number {
  const option = context.args[0];
  const unit = option === undefined ? 1024 : UNITS[option];
  if (option !== undefined && (unit === undefined || context.args.length > 1)) {
    context.stderr(`free: invalid option -- '${option.replace(/^-/, '')[0] ?? option}'\nUsage: free [-bkmgh]\n`);
    return 1;
  }
  const info = memoryInfo(context);
  const scale = (kilobytes: number) => (unit === 0 ? humanSize(kilobytes * 1024) : String(Math.floor((kilobytes * 1024 + unit / 2) / unit))).padStart(12);
  const cached = info.Cached + info.Buffers + info.SReclaimable;
  const used = info.MemTotal - cached - info.MemFree;
  const header = `       ${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((name) => name.padStart(12)).join('')}\n`;
  const memory = `Mem:   ${[info.MemTotal, used, info.MemFree, info.Shmem, cached, info.MemAvailable].map(scale).join('')}\n`;
  const swap = `Swap:  ${[info.SwapTotal, info.SwapTotal - info.SwapFree, info.SwapFree].map(scale).join('')}\n`;
  context.stdout(header + memory + swap);
  return 0;
}
