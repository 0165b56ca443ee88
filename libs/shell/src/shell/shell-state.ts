/**
 * What a builtin sees of the shell running it, in a module of its own so the builtins' files (special-builtins,
 * read-builtin, bash-builtins) and the shell all import it without importing one another.
 */
import type { Pipe } from '../io/pipe.js';
import type { ShellFlags } from './shell-flags.js';
import type { Streams } from './streams.js';

/** The parts of a running shell its builtins read and change. */
export interface ShellState {
  /** `sh` or `bash`, the prefix of the shell's own error messages. */
  readonly program: string;
  readonly flags: ShellFlags;
  cwd: string;
  positional: string[];
  /** `$?` before this builtin ran. */
  readonly status: number;
  /** How many loops enclose the running command. */
  readonly loopDepth: number;
  /** Whether a function call is running (bash's `return` and `local` need one). */
  readonly inFunction: boolean;
  /** Bash's `local NAME`: unsets NAME until the running function returns, when its old value comes back. */
  declareLocal(name: string): void;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  unset(name: string): void;
  export(name: string): void;
  /** Every variable with its value and whether it is exported. */
  listVariables(): [name: string, value: string, exported: boolean][];
  /** Whether `path` names a directory in the container. */
  isDirectory(path: string): boolean;
  /** Resolves `path` against the working directory. */
  resolve(path: string): string;
  /** Parses and runs `source` in this shell (for eval). */
  evaluate(source: string, streams: Streams): Promise<number>;
  /** Runs a command by name, as `exec` does, with the exported environment. */
  runCommand(argv: readonly string[], streams: Streams): Promise<number>;
  /** The next line of `stdin` (with its newline), undefined at its end; gives up when the process is killed. */
  readLine(stdin: Pipe): Promise<string | undefined>;
}

/** A builtin: runs against the shell state and resolves its status (or throws a control-flow request). */
export type SpecialBuiltin = (shell: ShellState, args: readonly string[], streams: Streams) => number | Promise<number>;
