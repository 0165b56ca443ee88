/** `sleep DURATION…` on the lab clock: fractions, s/m/h/d suffixes, and `inf`. */
import { complain, usage, type CommandContext } from './command-context.js';

const DURATION = /^(\d+\.?\d*|\.\d+)([smhd]?)$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Sleeps for the sum of its arguments; ends early (with the process) when the container is killed. */
export async function sleep(context: CommandContext): Promise<number> {
  if (context.args.length === 0) return usage(context, '[N]...');
  let seconds = 0;
  for (const arg of context.args) {
    const duration = parseDuration(arg);
    if (duration === undefined) return complain(context, `invalid number '${arg}'`);
    seconds += duration;
  }
  await context.runtime.sleep(seconds);
  return 0;
}

function parseDuration(text: string): number | undefined {
  if (text === 'inf' || text === 'infinity') return Infinity;
  const match = DURATION.exec(text);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]] : undefined;
}
