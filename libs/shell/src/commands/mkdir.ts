/** `mkdir [-p] DIR…`. */
import { complain, usage, type CommandContext } from './command-context.js';
import { fsFailure } from './fs-failure.js';
import { parseOptions } from './options.js';

/** Creates directories; -p creates parents and accepts existing ones. */
export function mkdir(context: CommandContext): number {
  const parsed = parseOptions(context.args, { flags: 'p' });
  if ('error' in parsed) return complain(context, parsed.error);
  if (parsed.operands.length === 0) return usage(context, '[-p] DIRECTORY...');
  let status = 0;
  for (const operand of parsed.operands) {
    try {
      context.fs.mkdir(context.resolve(operand), { parents: parsed.flags.has('p') });
    } catch (error) {
      status = complain(context, `can't create directory '${operand}': ${fsFailure(error)}`);
    }
  }
  return status;
}
