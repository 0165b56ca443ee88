/**
 * Where a command's standard streams go. Redirections replace entries, so
 * `2>&1` and `>/dev/null` are just different sinks for the same bytes, and
 * `< file` is a pipe already holding the file. Everything is a byte string.
 */
import type { Pipe } from '../io/pipe.js';

/** Receives bytes written to one stream. */
export type Sink = (bytes: string) => void;

/** A command's standard input and its two output sinks. */
export interface Streams {
  /** Shared by every command that reads it in turn: `read` takes one line, the next command the rest. */
  readonly stdin: Pipe;
  readonly stdout: Sink;
  readonly stderr: Sink;
}
