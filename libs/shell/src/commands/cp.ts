/** `cp [-rRaPpfiv] SOURCE… DEST`: copies files, and directory trees with -r/-R/-a. */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { copyPlan, copyTree, isWithin, join } from './file-tree.js';
import { fsFailure } from './fs-failure.js';
import { baseName } from '../fs/path.js';

const SYNOPSIS = '[-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }';

/** Copies each SOURCE to DEST (into it when DEST is a directory). */
export function cp(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'arRPLHpfinlsTuvd', values: 't' }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  const recursive = ['a', 'r', 'R'].some((flag) => parsed.flags.has(flag));
  const plan = copyPlan(context, parsed, SYNOPSIS);
  if (typeof plan === 'number') return plan;
  const { sources: operands, destination, target, intoDirectory } = plan;
  let status = 0;
  for (const operand of operands) {
    const source = context.resolve(operand);
    const to = intoDirectory ? join(target, baseName(source)) : target;
    if (!context.fs.exists(source)) status = complain(context, `can't stat '${operand}': No such file or directory`);
    else if (context.fs.isDir(source) && !recursive) status = complain(context, `omitting directory '${operand}'`);
    else if (context.fs.isDir(source) && isWithin(to, source)) status = complain(context, `cannot copy a directory, '${operand}', into itself, '${destination}'`);
    else if (context.fs.isDir(to) && !context.fs.isDir(source)) status = complain(context, `'${destination}' is a directory`);
    else if (to === source) status = complain(context, `'${operand}' and '${destination}' are the same file`);
    else {
      try {
        copyTree(context.fs, source, to);
        if (parsed.flags.has('v')) context.stdout(`'${operand}' -> '${to}'\n`);
      } catch (error) {
        status = complain(context, `can't create '${destination}': ${fsFailure(error)}`);
      }
    }
  }
  return status;
}
