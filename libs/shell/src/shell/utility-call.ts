/**
 * Runs one utility with its standard input. A utility reads `context.input`
 * as one string, but a pipe or a session's stdin may still be arriving; and a
 * utility that never reads stdin (`echo`, `ls`) must not wait for its end, or
 * `echo hi` would hang in a terminal. So the input is fetched lazily: when a
 * utility reads `input` before the end of input, that read throws, the
 * utility's output so far (held back during its synchronous start) is
 * dropped, the shell reads stdin to its end, and the utility runs again with
 * all of it. Utilities read `input` at the start, so in practice the first run
 * does nothing but ask; `context.stdin` is the way to stream instead.
 */
import type { CommandContext, CommandTerminal, Utility } from '../commands/command-context.js';
import type { Pipe, StandardInput } from '../io/pipe.js';
import type { Runtime } from '../process/runtime.js';
import type { Sink, Streams } from './streams.js';

/** What a utility may hold in memory as its whole input; more ends it with busybox's "out of memory". */
export const MAX_WHOLE_INPUT = 64 * 1024 * 1024;

/** The context before the shell attaches the streams. */
export type ContextBase = Omit<CommandContext, 'input' | 'stdin' | 'terminal' | 'stdout' | 'stderr'>;

/** Thrown by `context.input` while input is still arriving. */
class InputPending extends Error {}

type Attempt = { readonly kind: 'ran'; readonly status: Promise<number> } | { readonly kind: 'needs-input' };

/** Runs `utility` with `streams`, waiting for the whole of stdin only if it reads `input`. */
export async function callUtility(utility: Utility, base: ContextBase, streams: Streams, runtime: Runtime): Promise<number> {
  const first = attempt(utility, base, streams, runtime, undefined);
  if (first.kind === 'ran') {
    try {
      return await first.status;
    } catch (error) {
      if (!(error instanceof InputPending)) throw error;
    }
  }
  const input = await readWhole(streams.stdin, runtime);
  if (input === undefined) {
    streams.stderr(`${base.name}: out of memory\n`);
    return 1;
  }
  const second = attempt(utility, base, streams, runtime, input);
  return second.kind === 'ran' ? second.status : 1;
}

function attempt(utility: Utility, base: ContextBase, streams: Streams, runtime: Runtime, known: string | undefined): Attempt {
  let whole = known;
  let pending = false;
  let starting = true;
  const held: [Sink, string][] = [];
  const sink = (target: Sink): Sink => (bytes) => (starting ? held.push([target, bytes]) : target(bytes));
  const terminal = terminalOf(streams);
  const context: CommandContext = {
    ...base,
    get input(): string {
      if (whole === undefined && streams.stdin.complete) whole = streams.stdin.take();
      if (whole !== undefined) return whole;
      pending = true;
      throw new InputPending();
    },
    stdin: killable(streams.stdin, runtime),
    ...(terminal ? { terminal: terminal.view } : {}),
    stdout: sink(streams.stdout),
    stderr: sink(streams.stderr),
  };
  let result: Promise<number>;
  try {
    result = Promise.resolve(utility(context));
  } catch (error) {
    result = Promise.reject(error);
  }
  if (terminal) result = result.finally(terminal.cooked);
  starting = false;
  if (pending) {
    result.catch(() => undefined);
    return { kind: 'needs-input' };
  }
  try {
    for (const [target, bytes] of held) target(bytes);
  } catch (error) {
    result.catch(() => undefined);
    throw error;
  }
  return { kind: 'ran', status: result };
}

/**
 * The terminal as the utility sees it, when its stdin or stdout is the session's terminal, and `cooked`, which
 * undoes its raw mode when it ends (a shell's job: `vi f; read x` must read a line).
 */
function terminalOf(streams: Streams): { view: CommandTerminal; cooked: () => void } | undefined {
  const tty = streams.tty;
  if (!tty) return undefined;
  const input = tty.input !== undefined && streams.stdin === tty.input;
  const output = streams.stdout === tty.screen;
  if (!input && !output) return undefined;
  let raw = false;
  const view: CommandTerminal = {
    input,
    output,
    size: () => tty.size(),
    setRaw: (on) => {
      raw = on;
      tty.setRaw(on);
    },
  };
  return {
    view,
    cooked: () => {
      if (raw) tty.setRaw(false);
    },
  };
}

/** All of stdin, or undefined past `MAX_WHOLE_INPUT` (the writer then gets a broken pipe). */
async function readWhole(stdin: Pipe, runtime: Runtime): Promise<string | undefined> {
  let bytes = '';
  for (let chunk = await runtime.untilKilled(stdin.read()); chunk !== undefined; chunk = await runtime.untilKilled(stdin.read())) {
    bytes += chunk;
    if (bytes.length > MAX_WHOLE_INPUT) {
      stdin.cancel();
      return undefined;
    }
  }
  return bytes;
}

/** The pipe as utilities read it: every wait ends when the process is killed or interrupted. */
function killable(stdin: Pipe, runtime: Runtime): StandardInput {
  return {
    read: () => runtime.untilKilled(stdin.read()),
    readLine: () => runtime.untilKilled(stdin.readLine()),
    readAll: () => runtime.untilKilled(stdin.readAll()),
  };
}
