/** `wc [-clwL] [FILE]…`, laid out as busybox lays it out (one count alone is unpadded). */
import type { CommandContext } from './command-context.js';
import { parseOrUsage, readOperand } from './applet.js';

const ORDER = ['l', 'w', 'm', 'c', 'L'] as const;
type Count = (typeof ORDER)[number];

/** Counts lines, words and bytes; -m counts UTF-8 characters, -L the longest line. */
export function wc(context: CommandContext): number {
  const parsed = parseOrUsage(
    context,
    { flags: 'cmlwL', long: { bytes: { key: 'c' }, chars: { key: 'm' }, lines: { key: 'l' }, words: { key: 'w' }, 'max-line-length': { key: 'L' } } },
    '[-cmlwL] [FILE]...',
  );
  if (typeof parsed === 'number') return parsed;
  const chosen = new Set<Count>(ORDER.filter((count) => parsed.flags.has(count)));
  if (chosen.size === 0) ['l', 'w', 'c'].forEach((count) => chosen.add(count as Count));
  const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const alone = chosen.size === 1 && parsed.operands.length <= 1;
  const totals: Record<Count, number> = { l: 0, w: 0, m: 0, c: 0, L: 0 };
  let status = 0;
  const print = (counts: Record<Count, number>, name: string | undefined) => {
    const fields = ORDER.filter((count) => chosen.has(count)).map((count) => (alone ? String(counts[count]) : String(counts[count]).padStart(9)));
    context.stdout(`${fields.join(' ')}${name === undefined ? '' : ` ${name}`}\n`);
  };
  for (const operand of operands) {
    const text = readOperand(context, operand, 'path');
    if (text === undefined) {
      status = 1;
      continue;
    }
    const counts = countText(text);
    for (const count of ORDER) totals[count] = count === 'L' ? Math.max(totals.L, counts.L) : totals[count] + counts[count];
    print(counts, operand === '-' && parsed.operands.length === 0 ? undefined : operand);
  }
  if (operands.length > 1) print(totals, 'total');
  return status;
}

function countText(text: string): Record<Count, number> {
  const lines = text.split('\n');
  return {
    l: lines.length - 1,
    w: text.split(/[ \t\n\v\f\r]+/).filter((word) => word !== '').length,
    m: Buffer.from(text, 'latin1').toString('utf8').replace(/[\ud800-\udbff][\udc00-\udfff]/g, '.').length,
    c: text.length,
    L: Math.max(0, ...lines.map((line) => line.length)),
  };
}
