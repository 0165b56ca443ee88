/** `uname [-amnrspvio]`: Linux on x86_64 with a 6.x kernel; the node name is the pod's HOSTNAME. */
import type { CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { KERNEL_RELEASE, KERNEL_VERSION, MACHINE } from './system-info.js';

const ORDER = ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'] as const;
const LONG = {
  all: { key: 'a' },
  'kernel-name': { key: 's' },
  nodename: { key: 'n' },
  'kernel-release': { key: 'r' },
  release: { key: 'r' },
  'kernel-version': { key: 'v' },
  machine: { key: 'm' },
  processor: { key: 'p' },
  'hardware-platform': { key: 'i' },
  'operating-system': { key: 'o' },
};

/** Prints the requested system fields in uname's fixed order (just the kernel name by default). */
export function uname(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'amnrspvio', long: LONG }, '[-amnrspvio]');
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 0) {
    context.stderr('Usage: uname [-amnrspvio]\n');
    return 1;
  }
  const all = parsed.flags.has('a');
  const values: Record<(typeof ORDER)[number], string> = {
    s: 'Linux',
    n: context.env.HOSTNAME ?? 'localhost',
    r: KERNEL_RELEASE,
    v: KERNEL_VERSION,
    m: MACHINE,
    p: all ? '' : 'unknown',
    i: all ? '' : 'unknown',
    o: 'GNU/Linux',
  };
  const chosen = ORDER.filter((field) => all || parsed.flags.has(field));
  const fields = (chosen.length > 0 ? chosen : ['s' as const]).map((field) => values[field]).filter((value) => value !== '');
  context.stdout(`${fields.join(' ')}\n`);
  return 0;
}
