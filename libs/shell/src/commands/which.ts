/** `which [-a] COMMAND…`: where each utility lives in a busybox image (/bin), or an executable file path. */
import { usage, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';

/** Prints the path of each COMMAND the container can run; status 1 if any is missing. */
export function which(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'a' }, '[-a] COMMAND...');
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return usage(context, '[-a] COMMAND...');
  let status = 0;
  for (const operand of parsed.operands) {
    if (!context.isCommand(operand) || (operand.includes('/') && !context.fs.isFile(context.resolve(operand)))) status = 1;
    else context.stdout(`${operand.includes('/') ? operand : `/bin/${operand}`}\n`);
  }
  return status;
}
