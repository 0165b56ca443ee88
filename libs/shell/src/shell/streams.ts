/**
 * Where a command's standard streams go. Redirections replace entries, so
 * `2>&1` and `>/dev/null` are just different sinks for the same text.
 */

/** Receives text written to one stream. */
export type Sink = (text: string) => void;

/** A command's standard input text and its two output sinks. */
export interface Streams {
  readonly input: string;
  readonly stdout: Sink;
  readonly stderr: Sink;
}
