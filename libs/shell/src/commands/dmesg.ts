/** `dmesg`: containers may not read the kernel ring buffer (CAP_SYSLOG), so it fails as it does there. */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';

/** Always refused: `dmesg: klogctl: Operation not permitted`, status 1. */
export function dmesg(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'cr', values: 'ns' }, '[-cr] [-n LEVEL] [-s SIZE]');
  if (typeof parsed === 'number') return parsed;
  return complain(context, 'klogctl: Operation not permitted');
}
