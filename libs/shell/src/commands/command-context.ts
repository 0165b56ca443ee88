/**
 * The contract between the shell and its utilities (echo, cat, wget…): what a
 * utility receives when it runs, and how it reports failure the busybox way
 * (`NAME: message` on stderr, non-zero status). Every string that carries data
 * (input, output, args, env, file contents) is a byte string: one char per
 * byte, UTF-8 text held as its bytes (see io/byte-string.ts).
 */
import type { MemoryFs } from '../fs/memory-fs.js';
import type { StandardInput } from '../io/pipe.js';
import type { Runtime } from '../process/runtime.js';
import type { TerminalSize } from '../shell/streams.js';

/** What a command may know and do of the session's terminal it runs on, as a program does through its tty (isatty, TIOCGWINSZ, tcsetattr). */
export interface CommandTerminal {
  /** Standard input is the terminal (isatty(0)): it reads what is typed. */
  readonly input: boolean;
  /** Standard output is the terminal (isatty(1)): what it writes is drawn on the screen. */
  readonly output: boolean;
  /** The window's size now (it follows the client's resizes). */
  size(): TerminalSize;
  /**
   * Raw mode, as a full-screen program sets it: every typed byte reaches standard input as it is typed, unechoed
   * and unedited, Ctrl-C and Ctrl-D included, and `\n` is written as it is (no `\r\n`). False restores the line
   * discipline; the shell restores it anyway when the command ends, however it ends.
   */
  setRaw(raw: boolean): void;
}

/** Everything one utility invocation can see and do. */
export interface CommandContext {
  /** The name it was invoked as, without directories (`/bin/cat` → `cat`). */
  readonly name: string;
  /** The arguments after the name. */
  readonly args: readonly string[];
  /** The environment the command was started with. */
  readonly env: Readonly<Record<string, string>>;
  /** The shell's working directory. */
  readonly cwd: string;
  /**
   * All of standard input. When it is still arriving (a pipe, a session's stdin)
   * the shell stops the utility at this read, waits for the end of input and
   * runs it again from the start (output it printed before is held back, not
   * repeated): so read `input` before the first `await`, and use `stdin`
   * instead where input may never end (`yes | head -n 3`) or should be handled
   * as it comes (`cat` in a terminal).
   */
  readonly input: string;
  /** Standard input as it arrives; absent when a test builds the context with `input` alone. */
  readonly stdin?: StandardInput;
  /** The session's terminal, when standard input or output is one. */
  readonly terminal?: CommandTerminal;
  readonly fs: MemoryFs;
  /** Kill-aware sleep, clock, DNS and HTTP. */
  readonly runtime: Runtime;
  stdout(text: string): void;
  stderr(text: string): void;
  /** `path` made absolute against the working directory. */
  resolve(path: string): string;
  /** Runs another command (for `env NAME=value COMMAND`). */
  exec(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<number>;
  /** Runs another command with `root` (an absolute byte string, a directory) as its `/` and working directory (for `chroot`). */
  execRooted(root: string, argv: readonly string[], env: Readonly<Record<string, string>>): Promise<number>;
  /**
   * Whether a command name would run (a utility, a shell, or a script file), for applets that start commands (xargs,
   * timeout, which) and must say "not found" their own way; the caller answers, as for `exec`, so no utility imports the table of utilities.
   * With `root` (chroot's new root), as a command there: its programs are that root's, which no image list names.
   */
  isCommand(name: string, root?: string): boolean;
}

/** A utility: runs with a context and resolves its exit status. */
export type Utility = (context: CommandContext) => number | Promise<number>;

/** Prints `NAME: message` to stderr and returns `status`, the shape of every busybox error. */
export function complain(context: CommandContext, message: string, status = 1): number {
  context.stderr(`${context.name}: ${message}\n`);
  return status;
}

/** Prints a one-line `Usage:` hint and returns 1, as busybox does for missing operands. */
export function usage(context: CommandContext, synopsis: string): number {
  context.stderr(`Usage: ${context.name} ${synopsis}\n`);
  return 1;
}

/**
 * Answers as the shell does for a program the image lacks (`sh: ss: not found`, 127): for a node's tool whose view
 * kubelab has only on a node (the sockets `ss` and `netstat` list), run where there is none.
 */
export function notOnThisHost(context: CommandContext): number {
  context.stderr(`sh: ${context.name}: not found\n`);
  return 127;
}
