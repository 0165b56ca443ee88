/** `touch [-c] FILE…`: creates empty files (the liveness-probe tutorial's /tmp/healthy). */
import { complain, usage, type CommandContext } from './command-context.js';
import { fsFailure } from './fs-failure.js';
import { parseOptions } from './options.js';

/** Creates each missing file (unless -c) and refreshes the time of existing ones. */
export function touch(context: CommandContext): number {
  const parsed = parseOptions(context.args, { flags: 'c' });
  if ('error' in parsed) return complain(context, parsed.error);
  if (parsed.operands.length === 0) return usage(context, '[-c] FILE...');
  let status = 0;
  for (const operand of parsed.operands) {
    const path = context.resolve(operand);
    try {
      if (context.fs.isFile(path)) context.fs.write(path, '', { append: true });
      else if (!context.fs.exists(path) && !parsed.flags.has('c')) context.fs.write(path, '');
    } catch (error) {
      status = complain(context, `${operand}: ${fsFailure(error)}`);
    }
  }
  return status;
}
