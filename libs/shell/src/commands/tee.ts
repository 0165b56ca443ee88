/**
 * `tee [-ai] [FILE]…`: copies standard input to standard output and to each
 * FILE, as it arrives (`ping host | tee log` shows each line at once).
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { fsFailure } from './fs-failure.js';

/** Writes its input to stdout and the files (-a appends; /dev/stderr is standard error); status 1 if a file cannot be written. */
export async function tee(context: CommandContext): Promise<number> {
  const parsed = parseOrUsage(context, { flags: 'ai', long: { append: { key: 'a' } } }, '[-ai] [FILE]...');
  if (typeof parsed === 'number') return parsed;
  let status = 0;
  const targets: ((bytes: string) => void)[] = [];
  for (const operand of parsed.operands) {
    const path = context.resolve(operand);
    if (path === '/dev/stderr' || path === '/dev/stdout') {
      targets.push(path === '/dev/stderr' ? context.stderr : context.stdout);
      continue;
    }
    try {
      context.fs.write(path, '', { append: parsed.flags.has('a') });
      targets.push((bytes) => context.fs.write(path, bytes, { append: true }));
    } catch (error) {
      status = complain(context, `${operand}: ${fsFailure(error)}`);
    }
  }
  const copy = (bytes: string) => {
    context.stdout(bytes);
    for (const target of targets) target(bytes);
  };
  if (!context.stdin) {
    copy(context.input);
    return status;
  }
  for (let chunk = await context.stdin.read(); chunk !== undefined; chunk = await context.stdin.read()) {
    copy(chunk);
    await context.runtime.writable();
  }
  return status;
}
