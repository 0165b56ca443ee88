/** busybox `base64 [-d] [-w COL] [FILE]`: encodes bytes (wrapped at 76 columns), or decodes with -d (skipping invalid characters, as busybox does). */
import { complain, usage, type CommandContext } from './command-context.js';
import { parseOrUsage, readOperand } from './applet.js';

const DEFAULT_WIDTH = 76;

/** Encodes or decodes standard input or FILE. */
export function base64(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'di', values: 'w', long: { decode: { key: 'd' }, wrap: { key: 'w', value: true } } }, '[-d] [-w COL] [FILE]');
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 1) return usage(context, '[-d] [-w COL] [FILE]');
  const data = readOperand(context, parsed.operands[0] ?? '-');
  if (data === undefined) return 1;
  if (parsed.flags.has('d')) {
    context.stdout(Buffer.from(data.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1'));
    return 0;
  }
  const widthText = parsed.values.get('w') ?? String(DEFAULT_WIDTH);
  if (!/^\d+$/.test(widthText)) return complain(context, `invalid number '${widthText}'`);
  const width = Number(widthText);
  const encoded = Buffer.from(data, 'latin1').toString('base64');
  if (encoded === '') return 0;
  const lines = width === 0 ? [encoded] : (encoded.match(new RegExp(`.{1,${width}}`, 'g')) ?? []);
  context.stdout(`${lines.join('\n')}\n`);
  return 0;
}
