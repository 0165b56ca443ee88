/** `rm [-frR] FILE…` with busybox's messages. */
import { complain, usage, type CommandContext } from './command-context.js';
import { fsFailure } from './fs-failure.js';
import { parseOptions } from './options.js';

/** Removes files (and, with -r, directory trees); -f ignores missing ones. */
export function rm(context: CommandContext): number {
  const parsed = parseOptions(context.args, { flags: 'frR' });
  if ('error' in parsed) return complain(context, parsed.error);
  const force = parsed.flags.has('f');
  const recursive = parsed.flags.has('r') || parsed.flags.has('R');
  if (parsed.operands.length === 0 && !force) return usage(context, '[-frR] FILE...');
  let status = 0;
  for (const operand of parsed.operands) {
    const path = context.resolve(operand);
    if (!context.fs.exists(path)) {
      if (!force) status = complain(context, `can't remove '${operand}': No such file or directory`);
    } else if (context.fs.isDir(path) && !recursive) {
      status = complain(context, `'${operand}' is a directory`);
    } else {
      try {
        context.fs.remove(path, { recursive });
      } catch (error) {
        status = complain(context, `can't remove '${operand}': ${fsFailure(error)}`);
      }
    }
  }
  return status;
}
