/** `md5sum`, `sha1sum`, `sha256sum`, `sha512sum` `[-c[sw]] [FILE]…`, hashing the bytes of each file. */
import { createHash } from 'node:crypto';
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage, readOperand } from './applet.js';

const ALGORITHMS: Readonly<Record<string, string>> = { md5sum: 'md5', sha1sum: 'sha1', sha256sum: 'sha256', sha512sum: 'sha512' };

/** Prints `HASH  FILE` per file, or with -c checks the sums listed in each FILE. */
export function checksum(context: CommandContext): number {
  const algorithm = ALGORITHMS[context.name] ?? 'md5';
  const parsed = parseOrUsage(context, { flags: 'csbtw', long: { check: { key: 'c' }, status: { key: 's' }, warn: { key: 'w' } } }, '[-c[sw]] [FILE]...');
  if (typeof parsed === 'number') return parsed;
  const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const hash = (operand: string): string | undefined => {
    const data = readOperand(context, operand);
    return data === undefined ? undefined : createHash(algorithm).update(Buffer.from(data, 'latin1')).digest('hex');
  };
  let status = 0;
  for (const operand of operands) {
    if (!parsed.flags.has('c')) {
      const value = hash(operand);
      if (value === undefined) status = 1;
      else context.stdout(`${value}  ${operand}\n`);
      continue;
    }
    const list = readOperand(context, operand);
    if (list === undefined) {
      status = 1;
      continue;
    }
    const silent = parsed.flags.has('s');
    let total = 0;
    let failed = 0;
    for (const line of list.split('\n').filter((entry) => entry !== '')) {
      total++;
      const match = /^([0-9a-fA-F]+) [ *]?(.*)$/.exec(line);
      if (!match) {
        if (parsed.flags.has('w')) complain(context, 'invalid format');
        failed++;
        continue;
      }
      const ok = hash(match[2])?.toLowerCase() === match[1].toLowerCase();
      if (!ok) failed++;
      if (!silent) context.stdout(`${match[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
    }
    if (failed > 0) {
      status = 1;
      if (!silent) complain(context, `WARNING: ${failed} of ${total} computed checksums did NOT match`);
    }
    if (total === 0) status = complain(context, `${operand}: no checksum lines found`);
  }
  return status;
}
