/**
 * The builtins only bash has here, because only bash parses functions:
 * `return` and `local`. Under sh their names stay ordinary commands.
 */
import { ReturnRequest } from './control-flow.js';
import type { SpecialBuiltin } from './shell-state.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const returnBuiltin: SpecialBuiltin = (shell, args, streams) => {
  if (!shell.inFunction) {
    streams.stderr(`${shell.program}: return: can only \`return' from a function or sourced script\n`);
    return 1;
  }
  const [arg] = args;
  if (arg === undefined) throw new ReturnRequest(shell.status);
  if (!/^-?\d+$/.test(arg)) {
    streams.stderr(`${shell.program}: return: ${arg}: numeric argument required\n`);
    throw new ReturnRequest(2);
  }
  throw new ReturnRequest(((Number(arg) % 256) + 256) % 256);
};

/** `local name[=value]…`: the names keep their new values until the function returns. */
const local: SpecialBuiltin = (shell, args, streams) => {
  if (!shell.inFunction) {
    streams.stderr(`${shell.program}: local: can only be used in a function\n`);
    return 1;
  }
  let status = 0;
  for (const arg of args) {
    const [name, ...rest] = arg.split('=');
    if (!NAME.test(name)) {
      streams.stderr(`${shell.program}: local: \`${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    shell.declareLocal(name);
    if (rest.length > 0) shell.set(name, rest.join('='));
  }
  return status;
};

/** Builtin name → implementation, consulted before utilities when the shell is bash. */
export const BASH_BUILTINS: ReadonlyMap<string, SpecialBuiltin> = new Map<string, SpecialBuiltin>([
  ['return', returnBuiltin],
  ['local', local],
]);
