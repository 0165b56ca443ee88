/**
 * `ln [-sfnv] TARGET… LINK|DIR`. The in-memory file system has no links, so
 * a link is a copy of its target taken now: reads through it behave, later
 * changes to the target do not show. A symbolic link to a missing target is
 * refused rather than left dangling.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { copyTree, join } from './file-tree.js';
import { fsFailure } from './fs-failure.js';
import { baseName, parentPath, resolvePath } from '../fs/path.js';

const SYNOPSIS = '[-sfnbtv] [-S SUF] TARGET... LINK|DIR';

/** Creates LINK (or DIR/basename of each TARGET) as a copy of TARGET. */
export function ln(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'sfnbTv', values: 'St' }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  const operands = [...parsed.operands];
  if (operands.length === 0) return usage(context, SYNOPSIS);
  const last = parsed.values.get('t') ?? (operands.length > 1 ? operands.pop()! : '.');
  const linkPath = context.resolve(last);
  const intoDirectory = context.fs.isDir(linkPath) && !parsed.flags.has('n');
  if (operands.length > 1 && !intoDirectory) return complain(context, `'${last}' is not a directory`);
  let status = 0;
  for (const operand of operands) {
    const link = intoDirectory ? join(linkPath, baseName(operand)) : linkPath;
    const source = parsed.flags.has('s') && !operand.startsWith('/') ? resolvePath(operand, parentPath(link)) : context.resolve(operand);
    if (!context.fs.exists(source)) {
      status = complain(context, `${operand}: No such file or directory`);
      continue;
    }
    if (context.fs.exists(link)) {
      if (!parsed.flags.has('f')) {
        status = complain(context, `${intoDirectory ? link : last}: File exists`);
        continue;
      }
      context.fs.remove(link, { recursive: true });
    }
    if (context.fs.isDir(source) && !parsed.flags.has('s')) {
      status = complain(context, `${operand}: hard link not allowed for directory`);
      continue;
    }
    try {
      copyTree(context.fs, source, link);
      if (parsed.flags.has('v')) context.stdout(`'${link}' -> '${operand}'\n`);
    } catch (error) {
      status = complain(context, `${last}: ${fsFailure(error)}`);
    }
  }
  return status;
}
