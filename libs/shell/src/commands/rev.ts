/** `rev [FILE]…`: reverses each line, as the indexed-Job documentation example pipes through it. */
import type { CommandContext } from './command-context.js';
import { parseOrUsage, readOperand } from './applet.js';

/** Prints every line with its characters in reverse order (UTF-8 characters kept whole). */
export function rev(context: CommandContext): number {
  const parsed = parseOrUsage(context, {}, '[FILE]...');
  if (typeof parsed === 'number') return parsed;
  let status = 0;
  for (const operand of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const text = readOperand(context, operand, 'path');
    if (text === undefined) {
      status = 1;
      continue;
    }
    context.stdout(text.replace(/[^\n]+/g, reverseCharacters));
  }
  return status;
}

function reverseCharacters(bytes: string): string {
  const text = Buffer.from(bytes, 'latin1').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('latin1') !== bytes) return [...bytes].reverse().join('');
  return Buffer.from([...text].reverse().join(''), 'utf8').toString('latin1');
}
