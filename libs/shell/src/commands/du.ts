/** `du [-sahckm] [-d N] [FILE]…`: kilobytes used, per directory (or per file with -a), children first. */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { humanSize } from './disk-usage.js';
import { blocksOf } from './file-mode.js';
import { join } from './file-tree.js';

/** Prints the space each directory tree uses, in the post-order du walks. */
export function du(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'aHLclsxhmk', values: 'd' }, '[-aHLdclsxhmk] [FILE]...');
  if (typeof parsed === 'number') return parsed;
  const { flags } = parsed;
  const maxDepth = flags.has('s') ? 0 : parsed.values.has('d') ? Number(parsed.values.get('d')) : Infinity;
  if (Number.isNaN(maxDepth)) return complain(context, `invalid number '${parsed.values.get('d')}'`);
  const show = (kilobytes: number) => (flags.has('h') ? humanSize(kilobytes * 1024) : flags.has('m') ? String(Math.round(kilobytes / 1024)) : String(kilobytes));
  const visit = (path: string, name: string, depth: number): number => {
    const stat = context.fs.stat(path)!;
    let kilobytes = blocksOf(stat) / 2;
    if (stat.kind === 'dir') {
      for (const child of context.fs.list(path)) kilobytes += visit(join(path, child), `${name.replace(/\/+$/, '')}/${child}`, depth + 1);
    }
    if (depth <= maxDepth && (stat.kind === 'dir' || flags.has('a') || depth === 0)) context.stdout(`${show(kilobytes)}\t${name}\n`);
    return kilobytes;
  };
  let status = 0;
  let total = 0;
  for (const operand of parsed.operands.length > 0 ? parsed.operands : ['.']) {
    const root = context.resolve(operand);
    if (!context.fs.exists(root)) {
      status = complain(context, `${operand}: No such file or directory`);
      continue;
    }
    total += visit(root, operand, 0);
  }
  if (flags.has('c')) context.stdout(`${show(total)}\ttotal\n`);
  return status;
}
