/**
 * A script the shell cannot parse. The message follows busybox ash
 * (`syntax error: unexpected "done"`) and the shell exits with status 2.
 */

/** Raised by the parser; the shell prints `sh: <message>` and exits 2. */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(`syntax error: ${message}`);
    this.name = 'ShellSyntaxError';
  }
}
