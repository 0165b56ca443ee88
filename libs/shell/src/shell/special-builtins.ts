/**
 * The builtins that change the shell itself and so cannot be separate
 * programs: exit, export, unset, cd, set, shift, break, continue, exec, eval,
 * and read (which must take exactly one line of the shell's own stdin).
 */
import { ExitRequest, LoopControl } from './control-flow.js';
import { read } from './read-builtin.js';
import type { ShellState, SpecialBuiltin } from './shell-state.js';
import { applyFlagLetter, applyFlagName } from './shell-flags.js';
import type { Streams } from './streams.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function fail(shell: ShellState, streams: Streams, message: string, status: number): number {
  streams.stderr(`${shell.program}: ${message}\n`);
  return status;
}

function exit(shell: ShellState, args: readonly string[], streams: Streams): never {
  const [arg] = args;
  if (arg === undefined) throw new ExitRequest(shell.status);
  if (!/^\d+$/.test(arg)) throw new ExitRequest(fail(shell, streams, `exit: Illegal number: ${arg}`, 2));
  throw new ExitRequest(Number(arg) % 256);
}

function exportBuiltin(shell: ShellState, args: readonly string[], streams: Streams): number {
  const names = args.filter((arg) => arg !== '-p');
  if (names.length === 0) {
    for (const [name, value, exported] of shell.listVariables()) if (exported) streams.stdout(`export ${name}=${quote(value)}\n`);
    return 0;
  }
  let status = 0;
  for (const arg of names) {
    const at = arg.indexOf('=');
    const name = at < 0 ? arg : arg.slice(0, at);
    if (!NAME.test(name)) {
      status = fail(shell, streams, `export: ${arg}: bad variable name`, 1);
      continue;
    }
    if (at >= 0) shell.set(name, arg.slice(at + 1));
    shell.export(name);
  }
  return status;
}

function unset(shell: ShellState, args: readonly string[]): number {
  for (const name of args) if (name !== '-v' && name !== '-f') shell.unset(name);
  return 0;
}

function cd(shell: ShellState, args: readonly string[], streams: Streams): number {
  const [arg] = args;
  const target = arg === undefined ? (shell.get('HOME') ?? '/') : arg === '-' ? (shell.get('OLDPWD') ?? shell.cwd) : arg;
  const path = shell.resolve(target);
  if (!shell.isDirectory(path)) return fail(shell, streams, `cd: can't cd to ${target}: No such file or directory`, 2);
  shell.set('OLDPWD', shell.cwd);
  shell.cwd = path;
  shell.set('PWD', path);
  if (arg === '-') streams.stdout(`${path}\n`);
  return 0;
}

function set(shell: ShellState, args: readonly string[], streams: Streams): number {
  if (args.length === 0) {
    for (const [name, value] of shell.listVariables()) streams.stdout(`${name}=${quote(value)}\n`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      shell.positional = args.slice(i + 1);
      return 0;
    }
    if (!/^[-+]./.test(arg)) break;
    const on = arg[0] === '-';
    for (const letter of arg.slice(1)) {
      const known = letter === 'o' ? applyFlagName(shell.flags, args[++i] ?? '', on) : applyFlagLetter(shell.flags, letter, on);
      if (!known) return fail(shell, streams, `set: illegal option ${arg[0]}${letter === 'o' ? `o ${args[i] ?? ''}` : letter}`, 2);
    }
  }
  if (i < args.length) shell.positional = args.slice(i);
  return 0;
}

function shift(shell: ShellState, args: readonly string[], streams: Streams): number {
  const count = args[0] === undefined ? 1 : Number(args[0]);
  if (!Number.isInteger(count) || count < 0 || count > shell.positional.length) {
    return fail(shell, streams, `shift: can't shift that many`, 1);
  }
  shell.positional = shell.positional.slice(count);
  return 0;
}

function loopControl(kind: 'break' | 'continue'): SpecialBuiltin {
  return (shell, args, streams) => {
    const levels = args[0] === undefined ? 1 : Number(args[0]);
    if (!Number.isInteger(levels) || levels < 1) return fail(shell, streams, `${kind}: Illegal number: ${args[0]}`, 2);
    if (shell.loopDepth === 0) return 0;
    throw new LoopControl(kind, Math.min(levels, shell.loopDepth));
  };
}

async function exec(shell: ShellState, args: readonly string[], streams: Streams): Promise<number> {
  if (args.length === 0) return 0;
  throw new ExitRequest(await shell.runCommand(args, streams));
}

function evalBuiltin(shell: ShellState, args: readonly string[], streams: Streams): Promise<number> {
  return shell.evaluate(args.join(' '), streams);
}

/** `'value'` quoting as `set` and `export -p` print it. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** Builtin name → implementation. */
export const SPECIAL_BUILTINS: ReadonlyMap<string, SpecialBuiltin> = new Map<string, SpecialBuiltin>([
  ['exit', exit],
  ['export', exportBuiltin],
  ['unset', unset],
  ['cd', cd],
  ['set', set],
  ['shift', shift],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['exec', exec],
  ['eval', evalBuiltin],
  ['read', read],
]);
