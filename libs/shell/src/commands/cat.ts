/** `cat [FILE…]`: the usual exec-probe command (`cat /tmp/healthy`), and the plumbing of `kubectl exec -i … -- cat > file`. */
import { complain, type CommandContext } from './command-context.js';
import { parseOptions } from './options.js';

/**
 * Prints each file (`-` or none: standard input, passed on as it arrives, so
 * `cat` in a terminal echoes each line and `yes | cat | head` ends); status 1
 * if any cannot be read.
 */
export async function cat(context: CommandContext): Promise<number> {
  const parsed = parseOptions(context.args, {});
  if ('error' in parsed) return complain(context, parsed.error);
  const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  for (const operand of operands) {
    if (operand === '-') {
      await copyInput(context);
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

async function copyInput(context: CommandContext): Promise<void> {
  if (!context.stdin) {
    context.stdout(context.input);
    return;
  }
  for (let chunk = await context.stdin.read(); chunk !== undefined; chunk = await context.stdin.read()) {
    context.stdout(chunk);
    await context.runtime.writable();
  }
}
