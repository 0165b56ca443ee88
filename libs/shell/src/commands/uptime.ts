/** `uptime [-s]`: the lab clock, the node's time since boot and its load averages. */
import type { CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { procFile, uptimeSeconds } from './system-info.js';

/** Prints ` HH:MM:SS up …,  0 users,  load average: …` (with -s, the boot time). */
export function uptime(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 's' }, '[-s]');
  if (typeof parsed === 'number') return parsed;
  const now = context.runtime.now();
  const up = Math.floor(uptimeSeconds(context));
  const two = (value: number) => String(value).padStart(2, '0');
  if (parsed.flags.has('s')) {
    const boot = new Date(now.getTime() - up * 1000);
    context.stdout(`${boot.getUTCFullYear()}-${two(boot.getUTCMonth() + 1)}-${two(boot.getUTCDate())} ${two(boot.getUTCHours())}:${two(boot.getUTCMinutes())}:${two(boot.getUTCSeconds())}\n`);
    return 0;
  }
  const days = Math.floor(up / 86_400);
  const hours = Math.floor((up % 86_400) / 3600);
  const minutes = Math.floor((up % 3600) / 60);
  const since = `${days > 0 ? `${days} day${days === 1 ? '' : 's'}, ` : ''}${hours > 0 ? `${String(hours).padStart(2)}:${two(minutes)}` : `${minutes} min`}`;
  const load = (procFile(context, '/proc/loadavg') ?? '0.08 0.03 0.01').split(/\s+/).slice(0, 3).join(', ');
  context.stdout(` ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} up ${since},  0 users,  load average: ${load}\n`);
  return 0;
}
