/**
 * Non-local exits inside the interpreter: `exit` unwinds to the shell that
 * runs the script, `break`/`continue` unwind to the enclosing loop, `return`
 * to the function call.
 */

/** `exit N` (or an error that ends a non-interactive shell). */
export class ExitRequest extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
    this.name = 'ExitRequest';
  }
}

/** `break N` / `continue N`: `levels` counts enclosing loops still to leave. */
export class LoopControl extends Error {
  constructor(
    readonly kind: 'break' | 'continue',
    readonly levels: number,
  ) {
    super(kind);
    this.name = 'LoopControl';
  }
}

/** Bash's `return N` inside a function. */
export class ReturnRequest extends Error {
  constructor(readonly status: number) {
    super(`return ${status}`);
    this.name = 'ReturnRequest';
  }
}
