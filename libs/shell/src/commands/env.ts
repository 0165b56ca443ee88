/** `env [-i] [NAME=VALUE…] [COMMAND [ARG…]]`. */
import type { CommandContext } from './command-context.js';

const ASSIGNMENT = /^([^=]+)=(.*)$/s;

/** Prints the environment, or runs COMMAND with the environment changed. */
export function env(context: CommandContext): number | Promise<number> {
  const args = [...context.args];
  let variables: Record<string, string> = { ...context.env };
  if (args[0] === '-i' || args[0] === '-') {
    args.shift();
    variables = {};
  }
  for (let match = ASSIGNMENT.exec(args[0] ?? ''); match; match = ASSIGNMENT.exec(args[0] ?? '')) {
    variables[match[1]] = match[2];
    args.shift();
  }
  if (args.length > 0) return context.exec(args, variables);
  context.stdout(Object.entries(variables).map(([name, value]) => `${name}=${value}\n`).join(''));
  return 0;
}
