/** `printenv [NAME…]`, which the Kubernetes "define environment variables" tutorial runs. */
import type { CommandContext } from './command-context.js';

/** Prints the whole environment, or the value of each NAME; status 1 if any NAME is unset. */
export function printenv(context: CommandContext): number {
  if (context.args.length === 0) {
    context.stdout(Object.entries(context.env).map(([name, value]) => `${name}=${value}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const name of context.args) {
    const value = context.env[name];
    if (value === undefined) status = 1;
    else context.stdout(`${value}\n`);
  }
  return status;
}
