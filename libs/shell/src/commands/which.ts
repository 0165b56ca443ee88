/** `which [-a] COMMAND…`: where each utility lives in a busybox image (/bin), or an executable file path. */
import { usage, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';

/** Builds `which` over the set of utility names the shell knows (passed in to avoid an import cycle). */
export function whichOver(names: () => Iterable<string>) {
  return function which(context: CommandContext): number {
    const parsed = parseOrUsage(context, { flags: 'a' }, '[-a] COMMAND...');
    if (typeof parsed === 'number') return parsed;
    if (parsed.operands.length === 0) return usage(context, '[-a] COMMAND...');
    const known = new Set(names());
    let status = 0;
    for (const operand of parsed.operands) {
      if (operand.includes('/')) {
        if (context.fs.isFile(context.resolve(operand))) context.stdout(`${operand}\n`);
        else status = 1;
      } else if (known.has(operand) || operand === 'sh') context.stdout(`/bin/${operand}\n`);
      else status = 1;
    }
    return status;
  };
}
