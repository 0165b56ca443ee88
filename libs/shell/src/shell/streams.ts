/**
 * Where a command's standard streams go. Redirections replace entries, so
 * `2>&1` and `>/dev/null` are just different sinks for the same bytes, and
 * `< file` is a pipe already holding the file. Everything is a byte string.
 */
import type { Pipe } from '../io/pipe.js';

/** Receives bytes written to one stream. */
export type Sink = (bytes: string) => void;

/** A terminal's size in character cells, as TIOCGWINSZ reports it. */
export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

/**
 * A session's terminal, carried with the streams of every command started on it: a command asks it whether its
 * stdin or stdout is that terminal (isatty), and a full-screen program (vi) its size and raw mode, as a process
 * does with ioctl(2) on its tty. Redirections and pipes keep it but replace the streams, so the answer follows them.
 */
export interface Tty {
  /** The foreground command's input: a stdin that is this pipe reads the keyboard. */
  readonly input: Pipe | undefined;
  /** The screen: a stdout that is this sink draws on the terminal. */
  readonly screen: Sink;
  size(): TerminalSize;
  /** Raw mode on or off (see `CommandTerminal.setRaw`). */
  setRaw(raw: boolean): void;
}

/** A command's standard input and its two output sinks. */
export interface Streams {
  /** Shared by every command that reads it in turn: `read` takes one line, the next command the rest. */
  readonly stdin: Pipe;
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** The session's terminal, when the command runs in one. */
  readonly tty?: Tty;
}
