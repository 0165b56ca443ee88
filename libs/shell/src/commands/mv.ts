/** `mv [-fin] SOURCE… DEST`: a copy then a removal, since the in-memory fs has no rename. */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { copyPlan, copyTree, isWithin, join } from './file-tree.js';
import { fsFailure } from './fs-failure.js';
import { baseName } from '../fs/path.js';

const SYNOPSIS = '[-finT] SOURCE DEST\nor: mv [-fin] SOURCE... { -t DIRECTORY | DIRECTORY }';

/** Moves each SOURCE to DEST (into it when DEST is a directory); -n keeps an existing target. */
export function mv(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'finTv', values: 't' }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  const plan = copyPlan(context, parsed, SYNOPSIS);
  if (typeof plan === 'number') return plan;
  const { sources: operands, destination, target, intoDirectory } = plan;
  let status = 0;
  for (const operand of operands) {
    const source = context.resolve(operand);
    const to = intoDirectory ? join(target, baseName(source)) : target;
    if (!context.fs.exists(source)) status = complain(context, `can't stat '${operand}': No such file or directory`);
    else if (to === source) continue;
    else if (context.fs.isDir(source) && isWithin(to, source)) status = complain(context, `can't move '${operand}' to a subdirectory of itself`);
    else if (parsed.flags.has('n') && context.fs.exists(to)) continue;
    else if (context.fs.isDir(to) !== context.fs.isDir(source) && context.fs.exists(to)) {
      status = complain(context, context.fs.isDir(to) ? `can't overwrite directory '${destination}' with non-directory` : `can't overwrite non-directory '${destination}' with directory`);
    } else {
      try {
        if (context.fs.exists(to)) context.fs.remove(to, { recursive: true });
        copyTree(context.fs, source, to);
        context.fs.remove(source, { recursive: true });
      } catch (error) {
        status = complain(context, `can't move '${operand}': ${fsFailure(error)}`);
      }
    }
  }
  return status;
}
