/** `echo [-neE] ARG…`, busybox flavour: escapes are read only with -e. */
import type { CommandContext } from './command-context.js';
import { interpretEscapes } from './escapes.js';

/** Prints its arguments separated by spaces; -n drops the newline, -e reads backslash escapes. */
export function echo(context: CommandContext): number {
  const args = [...context.args];
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
    for (const flag of args.shift()!.slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const interpreted = interpretEscapes(text, 'zero-prefixed');
    text = interpreted.text;
    if (interpreted.stopped) newline = false;
  }
  context.stdout(newline ? `${text}\n` : text);
  return 0;
}
