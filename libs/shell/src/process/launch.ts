/**
 * Starting a process: turning the agent's text (argv, env, workingDir) into the
 * shell's bytes, building the process's runtime and top shell, and turning
 * whatever ends a process into its status. `runProcess` is the entry point the
 * kubelet agent calls to run a container's process (`command` + `args` as
 * Kubernetes passes them, e.g. `["sh", "-c", "…"]`); it lives here, beside
 * `launch`, because every process's runtime carries it to start children
 * (timeout's), so no command imports the shell that runs it.
 */
import { resolvePath } from '../fs/path.js';
import { encodeRecord, encodeUtf8, toUint8Array } from '../io/byte-string.js';
import { BrokenPipe, Pipe } from '../io/pipe.js';
import { Shell } from '../shell/shell.js';
import { defaultFlags } from '../shell/shell-flags.js';
import type { Sink } from '../shell/streams.js';
import type { ProcessHost } from './process-host.js';
import { ProcessKilled, Runtime, type ShellLimits } from './runtime.js';
import { exitCodeForSignal } from './signals.js';

const FAILURE_STATUS = 1;
const BROKEN_PIPE_STATUS = 141;
const NO_COMMAND_STATUS = 127;

/** A process ready to run: its argv as bytes, its runtime and the shell that starts it. */
export interface Launch {
  readonly argv: readonly string[];
  readonly runtime: Runtime;
  readonly shell: Shell;
}

/** Prepares `argv` (text) to run on `host`. */
export function launch(argv: readonly string[], host: ProcessHost, limits: ShellLimits = {}, program = 'sh'): Launch {
  const runtime = new Runtime(host, limits, argv.join(' '), runProcess);
  const shell = new Shell(runtime, {
    program,
    name: program,
    positional: [],
    env: encodeRecord(host.env),
    cwd: resolvePath(encodeUtf8(host.workingDir ?? '/')),
    flags: defaultFlags(),
  });
  return { argv: argv.map(encodeUtf8), runtime, shell };
}

/** Runs `work` and resolves its status, whatever it throws: kills become 128+n, a broken pipe 141, runaway loops 1 (with `sh: why`). */
export async function statusOf(work: () => Promise<number>, stderr: Sink): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProcessKilled) return error.exitCode;
    if (error instanceof BrokenPipe) return BROKEN_PIPE_STATUS;
    stderr(`sh: ${error instanceof Error ? error.message : String(error)}\n`);
    return FAILURE_STATUS;
  }
}

/** A sink handing bytes to the host as a Uint8Array. */
export function toHost(write: (bytes: Uint8Array) => void): Sink {
  return (bytes) => {
    if (bytes !== '') write(toUint8Array(bytes));
  };
}

/**
 * Runs `argv` inside the emulated container described by `host` and resolves
 * its exit status: the script's own status, 127 for an unknown program, 2 for
 * a syntax error, 143/137 when killed with SIGTERM/SIGKILL, 1 for a busy loop or
 * endless recursion stopped by `limits`. Its standard input is empty.
 */
export async function runProcess(argv: readonly string[], host: ProcessHost, limits: ShellLimits = {}): Promise<number> {
  if (host.signal.aborted) return exitCodeForSignal(host.signal.reason);
  const streams = { stdin: Pipe.of(''), stdout: toHost((bytes) => host.stdout(bytes)), stderr: toHost((bytes) => host.stderr(bytes)) };
  if (argv.length === 0) {
    streams.stderr('exec: no command given\n');
    return NO_COMMAND_STATUS;
  }
  const process = launch(argv, host, limits);
  return statusOf(() => process.shell.runArgv(process.argv, streams), streams.stderr);
}
