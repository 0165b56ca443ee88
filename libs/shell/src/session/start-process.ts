/**
 * Process sessions: what `kubectl exec`, `kubectl attach` and `kubectl run -it`
 * drive inside an emulated container. The agent feeds the client's stdin in
 * as it arrives and gets stdout/stderr out as bytes; with a TTY the session
 * is a terminal (echo, line editing, `\n` shown as `\r\n`, Ctrl-C) and `sh`
 * is an interactive shell with a prompt. Every session ends (exit, kill,
 * end of input, or the container dying) with nothing left running or
 * listening: its own abort signal is unhooked from the container's.
 */
import { baseName } from '../fs/path.js';
import { fromUint8Array, toUint8Array } from '../io/byte-string.js';
import { BrokenPipe, Pipe } from '../io/pipe.js';
import { launch, statusOf, toHost } from '../process/launch.js';
import type { ProcessHost } from '../process/process-host.js';
import type { ShellLimits } from '../process/runtime.js';
import type { SessionSignal } from '../process/signals.js';
import { parseShArguments } from '../shell/sh-arguments.js';
import { SHELL_NAMES } from '../shell/shell-names.js';
import type { Streams, TerminalSize } from '../shell/streams.js';
import { runInteractiveShell } from './interactive-shell.js';
import { Terminal } from './terminal.js';

/** Where a session's output goes, as bytes (with a TTY everything arrives on stdout, as on a terminal). */
export interface SessionOutput {
  stdout(bytes: Uint8Array): void;
  stderr(bytes: Uint8Array): void;
}

/** How the client attached: whether it sends stdin, and its terminal size when it asked for a TTY. */
export interface SessionOptions {
  readonly stdin: boolean;
  readonly tty?: TerminalSize;
}

/** A running process the client talks to. */
export interface ProcessSession {
  /** Stdin as it arrives: keystrokes with a TTY, piped data otherwise. Ignored once the process has ended. */
  write(bytes: Uint8Array): void;
  /** End of the client's stdin (EOF). */
  closeStdin(): void;
  /** The client's terminal changed size: `$COLUMNS` and `$LINES` follow. */
  resize(cols: number, rows: number): void;
  /** SIGINT is Ctrl-C (with a TTY it interrupts the foreground command); the others end the process with 128 + n. */
  kill(signal: SessionSignal): void;
  /** The exit status: 0–255, 127 for a missing program, 128 + n after signal n. Never rejects. */
  readonly exit: Promise<number>;
}

const NO_COMMAND_STATUS = 127;
const CTRL_C = '\x03';

/** What `startProcess` wires to the client, per mode. */
interface Wiring {
  readonly run: Promise<number>;
  readonly input: (bytes: string) => void;
  readonly end: () => void;
  readonly interrupt: () => void;
  readonly resize: (cols: number, rows: number) => void;
}

/**
 * Starts `argv` (text, as the exec request names it) in the container of
 * `host`. The host's `signal` is the container's: when it aborts, the session
 * ends too. `host.pid` should be the session's own PID in the container.
 */
export function startProcess(argv: readonly string[], host: ProcessHost, options: SessionOptions, output: SessionOutput, limits: ShellLimits = {}): ProcessSession {
  const controller = new AbortController();
  const forward = () => controller.abort(host.signal.reason);
  if (host.signal.aborted) forward();
  else host.signal.addEventListener('abort', forward, { once: true });
  const env = options.tty && host.env.TERM === undefined ? { ...host.env, TERM: 'xterm' } : host.env;
  const wiring = wire(argv, withSignal(host, controller.signal, env), options, output, limits, (signal) => controller.abort(signal));
  let running = true;
  const exit = wiring.run.then((status) => {
    running = false;
    host.signal.removeEventListener('abort', forward);
    controller.abort('SIGKILL');
    return status;
  });
  const whileRunning =
    <A extends unknown[]>(act: (...args: A) => void) =>
    (...args: A): void => {
      if (running) act(...args);
    };
  return {
    write: whileRunning((bytes: Uint8Array) => wiring.input(fromUint8Array(bytes))),
    closeStdin: whileRunning(() => wiring.end()),
    resize: whileRunning((cols: number, rows: number) => wiring.resize(cols, rows)),
    kill: whileRunning((signal: SessionSignal) => (signal === 'SIGINT' ? wiring.interrupt() : controller.abort(signal))),
    exit,
  };
}

function wire(argv: readonly string[], host: ProcessHost, options: SessionOptions, output: SessionOutput, limits: ShellLimits, abort: (signal: SessionSignal) => void): Wiring {
  if (options.tty) return wireTerminal(argv, host, options.stdin, options.tty, output, limits, abort);
  const stdin = new Pipe(Infinity);
  if (!options.stdin) stdin.close();
  const stdout = toHost((bytes) => output.stdout(bytes));
  const stderr = toHost((bytes) => output.stderr(bytes));
  return {
    run: runArgv(argv, host, limits, { stdin, stdout, stderr }),
    input: (bytes) => feed(stdin, bytes),
    end: () => stdin.close(),
    interrupt: () => abort('SIGINT'),
    resize: () => undefined,
  };
}

/** With a TTY: one screen for stdout and stderr, `\n` → `\r\n` (the tty's onlcr), keystrokes through the line editor. */
function wireTerminal(
  argv: readonly string[],
  host: ProcessHost,
  stdin: boolean,
  size: TerminalSize,
  output: SessionOutput,
  limits: ShellLimits,
  abort: (signal: SessionSignal) => void,
): Wiring {
  const display = (bytes: string) => output.stdout(toUint8Array(bytes));
  if (!isInteractiveShell(argv)) {
    const terminal = new Terminal(display, () => abort('SIGINT'), size);
    if (!stdin) terminal.end();
    return {
      run: runArgv(argv, host, limits, { stdin: terminal.foreground(), stdout: terminal.screen, stderr: terminal.screen, tty: terminal }),
      input: (bytes) => terminal.type(bytes),
      end: () => terminal.end(),
      interrupt: () => abort('SIGINT'),
      resize: (cols, rows) => terminal.resize({ cols, rows }),
    };
  }
  // The interactive shell is the program itself: bash reads bash's grammar and shows bash's prompt.
  const process = launch(argv, host, limits, baseName(argv[0]) === 'bash' ? 'bash' : 'sh');
  const terminal = new Terminal(display, () => process.runtime.interrupt(), size);
  if (!stdin) terminal.end();
  const resize = (cols: number, rows: number) => {
    terminal.resize({ cols, rows });
    process.shell.set('COLUMNS', String(cols));
    process.shell.set('LINES', String(rows));
  };
  resize(size.cols, size.rows);
  return {
    run: statusOf(() => runInteractiveShell(process.shell, terminal), terminal.screen),
    input: (bytes) => terminal.type(bytes),
    end: () => terminal.end(),
    interrupt: () => terminal.type(CTRL_C),
    resize,
  };
}

function runArgv(argv: readonly string[], host: ProcessHost, limits: ShellLimits, streams: Streams): Promise<number> {
  if (argv.length === 0) {
    streams.stderr('exec: no command given\n');
    return Promise.resolve(NO_COMMAND_STATUS);
  }
  const process = launch(argv, host, limits);
  return statusOf(() => process.shell.runArgv(process.argv, streams), streams.stderr);
}

/** `sh`, `bash` or `ash` with no script and no `-c`: it would read commands from the terminal. */
function isInteractiveShell(argv: readonly string[]): boolean {
  const [program, ...args] = argv;
  return program !== undefined && SHELL_NAMES.has(baseName(program)) && parseShArguments(baseName(program), args).kind === 'stdin';
}

function feed(stdin: Pipe, bytes: string): void {
  try {
    stdin.write(bytes);
  } catch (error) {
    if (!(error instanceof BrokenPipe)) throw error;
  }
}

/** The host as this session's process sees it: the same container, its own abort signal, `TERM=xterm` with a TTY as containerd sets it. */
function withSignal(host: ProcessHost, signal: AbortSignal, env: Readonly<Record<string, string>>): ProcessHost {
  return {
    fs: host.fs,
    env,
    signal,
    workingDir: host.workingDir,
    pid: host.pid,
    processes: host.processes,
    sleep: (seconds, stop) => host.sleep(seconds, stop),
    now: () => host.now(),
    stdout: (bytes) => host.stdout(bytes),
    stderr: (bytes) => host.stderr(bytes),
    lookup: (name) => host.lookup(name),
    ...(host.nameserverAnswers ? { nameserverAnswers: (server: string) => host.nameserverAnswers!(server) } : {}),
    http: (url, request) => host.http(url, request),
    ...(host.tlsIssuer ? { tlsIssuer: (url: string) => host.tlsIssuer!(url) } : {}),
    ...(host.outputRoom ? { outputRoom: () => host.outputRoom!() } : {}),
    ...(host.spin ? { spin: (stop: AbortSignal, busySince: Date) => host.spin!(stop, busySince) } : {}),
    ...(host.busyboxVersion ? { busyboxVersion: host.busyboxVersion } : {}),
    ...(host.procps ? { procps: true } : {}),
    ...(host.programs ? { programs: host.programs } : {}),
    ...(host.services ? { services: host.services } : {}),
    ...(host.cause === undefined ? {} : { cause: host.cause }),
  };
}
