/**
 * `journalctl [-u UNIT]… [-n N] [-f] [--no-pager] [-e] [-x]` on a node: the node's journal in its short format
 * (`Nov 25 02:00:00 node-1 kubelet[812]: …`), all of it or the last N lines, and with -f the lines that follow until
 * Ctrl-C. Output is never paged here (there is no pager to quit), as with --no-pager.
 */
import type { JournalEntry, NodeServices } from '../process/process-host.js';
import { complain, type CommandContext } from './command-context.js';
import { journalLine } from './journal-format.js';
import { parseOptions } from './options.js';
import { unitName } from './systemctl.js';

const OPTIONS = {
  flags: 'fexqb', values: 'un',
  long: { unit: { key: 'u', value: true }, lines: { key: 'n', value: true }, follow: { key: 'f' }, 'no-pager': { key: 'no-pager' }, 'pager-end': { key: 'e' }, catalog: { key: 'x' }, quiet: { key: 'q' }, boot: { key: 'b' } },
};
/** Lab seconds between looks at the journal while following. */
const FOLLOW_POLL_SECONDS = 1;
/** -f and -e without -n show this many lines first (journalctl's defaults: 10 and 1000). */
const FOLLOW_LINES = 10;
const PAGER_END_LINES = 1000;

/** Prints the journal (or the named units' part of it); follows it with -f until the process is killed. */
export async function journalctl(context: CommandContext): Promise<number> {
  const services = context.runtime.services;
  const parsed = parseOptions(context.args, OPTIONS);
  if ('error' in parsed) return complain(context, parsed.error);
  if (!services) {
    context.stdout('No journal files were found.\n-- No entries --\n');
    return 0;
  }
  const units = (parsed.lists.get('u') ?? []).map(unitName);
  const follow = parsed.flags.has('f');
  const given = parsed.values.get('n');
  if (given !== undefined && !/^\d+$/.test(given) && given !== 'all') return complain(context, `Failed to parse lines '${given}'.`);
  const limit = given === 'all' ? Infinity : given !== undefined ? Number(given) : follow ? FOLLOW_LINES : parsed.flags.has('e') ? PAGER_END_LINES : Infinity;
  const read = () => entriesOf(services, units);
  const shown = read();
  const first = shown.slice(limit === Infinity ? 0 : Math.max(0, shown.length - limit));
  if (first.length === 0 && !follow) context.stdout('-- No entries --\n');
  for (const entry of first) context.stdout(journalLine(entry, services.hostname));
  if (!follow) return 0;
  let seen = shown.length;
  for (;;) {
    await context.runtime.sleep(FOLLOW_POLL_SECONDS);
    const now = read();
    for (const entry of now.slice(seen)) context.stdout(journalLine(entry, services.hostname));
    seen = now.length;
  }
}

/** The entries of the named units in time order (all of the journal when none is named). */
function entriesOf(services: NodeServices, units: readonly string[]): JournalEntry[] {
  if (units.length === 0) return [...services.journal()];
  return services.journal().filter((entry) => units.includes(entry.unit));
}
