/**
 * The entry point the kubelet agent calls to run a container's process:
 * `command` + `args` as Kubernetes passes them, e.g. `["sh", "-c", "…"]` or
 * `["sleep", "3600"]`. It resolves the exit status the kubelet records and
 * never throws, whatever the script.
 */
import { Pipe } from './io/pipe.js';
import { launch, statusOf, toHost } from './process/launch.js';
import type { ProcessHost } from './process/process-host.js';
import type { ShellLimits } from './process/runtime.js';
import { exitCodeForSignal } from './process/signals.js';

const NO_COMMAND_STATUS = 127;

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
