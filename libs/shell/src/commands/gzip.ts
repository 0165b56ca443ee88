/**
 * busybox `gzip [-cdfk1-9] [FILE]…`, `gunzip [-cfkt] [FILE]…` and `zcat [FILE]…`
 * in the real gzip format (node:zlib), over byte strings. With no FILE they
 * filter standard input to standard output; with FILE they replace it by
 * FILE.gz (or back) unless -c or -k.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { fsFailure } from './fs-failure.js';

const GZIP_MAGIC = '\x1f\x8b';

/** gzip, gunzip and zcat, told apart by the name they were invoked as. */
export function gzip(context: CommandContext): number {
  const synopsis = context.name === 'zcat' ? '[FILE]...' : context.name === 'gunzip' ? '[-cfkt] [FILE]...' : '[-cfkdt123456789] [FILE]...';
  const parsed = parseOrUsage(context, { flags: 'cdfkqtvn123456789', long: { stdout: { key: 'c' }, decompress: { key: 'd' }, force: { key: 'f' }, keep: { key: 'k' }, test: { key: 't' } } }, synopsis);
  if (typeof parsed === 'number') return parsed;
  const { flags } = parsed;
  const decompress = context.name !== 'gzip' || flags.has('d') || flags.has('t');
  const toStdout = context.name === 'zcat' || flags.has('c') || flags.has('t');
  const level = [...'123456789'].filter((digit) => flags.has(digit)).map(Number).pop() ?? 6;
  const transform = (data: string): string | undefined => {
    if (!decompress) return gzipSync(Buffer.from(data, 'latin1'), { level }).toString('latin1');
    if (!data.startsWith(GZIP_MAGIC)) return undefined;
    try {
      return gunzipSync(Buffer.from(data, 'latin1')).toString('latin1');
    } catch {
      return undefined;
    }
  };
  if (parsed.operands.length === 0 || (parsed.operands.length === 1 && parsed.operands[0] === '-')) {
    const result = transform(context.input);
    if (result === undefined) return complain(context, 'invalid magic');
    if (!flags.has('t')) context.stdout(result);
    return 0;
  }
  let status = 0;
  for (const operand of parsed.operands) {
    const path = context.resolve(operand);
    const stat = context.fs.stat(path);
    if (!stat) {
      status = complain(context, `can't open '${operand}': No such file or directory`);
      continue;
    }
    if (stat.kind === 'dir') {
      status = complain(context, `${operand}: is a directory`);
      continue;
    }
    if (decompress && !toStdout && !/\.(gz|tgz)$/.test(operand)) {
      status = complain(context, `${operand}: unknown suffix - ignored`);
      continue;
    }
    const result = transform(context.fs.read(path));
    if (result === undefined) {
      status = complain(context, 'invalid magic');
      continue;
    }
    if (flags.has('t')) continue;
    if (toStdout) {
      context.stdout(result);
      continue;
    }
    const target = decompress ? path.replace(/\.gz$/, '').replace(/\.tgz$/, '.tar') : `${path}.gz`;
    if (context.fs.exists(target) && !flags.has('f')) {
      status = complain(context, `can't open '${target}': File exists`);
      continue;
    }
    try {
      context.fs.write(target, result);
      if (!flags.has('k')) context.fs.remove(path);
    } catch (error) {
      status = complain(context, `can't open '${target}': ${fsFailure(error)}`);
    }
  }
  return status;
}
