/** `tee [-ai] [FILE]…`: copies standard input to standard output and to each FILE. */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { fsFailure } from './fs-failure.js';

/** Writes its input to stdout and the files (-a appends; /dev/stderr is standard error); status 1 if a file cannot be written. */
export function tee(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'ai', long: { append: { key: 'a' } } }, '[-ai] [FILE]...');
  if (typeof parsed === 'number') return parsed;
  let status = 0;
  for (const operand of parsed.operands) {
    const path = context.resolve(operand);
    if (path === '/dev/stderr' || path === '/dev/stdout') {
      (path === '/dev/stderr' ? context.stderr : context.stdout)(context.input);
      continue;
    }
    try {
      context.fs.write(path, context.input, { append: parsed.flags.has('a') });
    } catch (error) {
      status = complain(context, `${operand}: ${fsFailure(error)}`);
    }
  }
  context.stdout(context.input);
  return status;
}
