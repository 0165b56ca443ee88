/** `cat [FILE…]`: the usual exec-probe command (`cat /tmp/healthy`). */
import { complain, type CommandContext } from './command-context.js';
import { parseOptions } from './options.js';

/** Prints each file (`-` or none: standard input); status 1 if any cannot be read. */
export function cat(context: CommandContext): number {
  const parsed = parseOptions(context.args, {});
  if ('error' in parsed) return complain(context, parsed.error);
  const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  for (const operand of operands) {
    if (operand === '-') {
      context.stdout(context.input);
      continue;
    }
    const path = context.resolve(operand);
    const stat = context.fs.stat(path);
    if (!stat) status = complain(context, `can't open '${operand}': No such file or directory`);
    else if (stat.kind === 'dir') status = complain(context, 'read error: Is a directory');
    else context.stdout(context.fs.read(path));
  }
  return status;
}
