/**
 * The entry point the kubelet agent calls to run a container's process:
 * `command` + `args` as Kubernetes passes them, e.g. `["sh", "-c", "…"]` or
 * `["sleep", "3600"]`. It resolves the exit status the kubelet records and
 * never throws, whatever the script.
 */
import { resolvePath } from './fs/path.js';
import type { ProcessHost } from './process/process-host.js';
import { ProcessKilled, RunawayProcess, Runtime, type ShellLimits } from './process/runtime.js';
import { exitCodeForSignal } from './process/signals.js';
import { Shell } from './shell/shell.js';
import { defaultFlags } from './shell/shell-flags.js';

const NO_COMMAND_STATUS = 127;
const FAILURE_STATUS = 1;

/**
 * Runs `argv` inside the emulated container described by `host` and resolves
 * its exit status: the script's own status, 127 for an unknown program, 2 for
 * a syntax error, 143/137 when killed with SIGTERM/SIGKILL, 1 for a busy loop or
 * endless recursion stopped by `limits`.
 */
export async function runProcess(argv: readonly string[], host: ProcessHost, limits: ShellLimits = {}): Promise<number> {
  if (host.signal.aborted) return exitCodeForSignal(host.signal.reason);
  const streams = { input: '', stdout: (text: string) => host.stdout(text), stderr: (text: string) => host.stderr(text) };
  if (argv.length === 0) {
    streams.stderr('exec: no command given\n');
    return NO_COMMAND_STATUS;
  }
  const runtime = new Runtime(host, limits);
  const launcher = new Shell(runtime, {
    program: 'sh',
    name: 'sh',
    positional: [],
    env: host.env,
    cwd: resolvePath(host.workingDir ?? '/'),
    flags: defaultFlags(),
  });
  try {
    return await launcher.runArgv(argv, streams);
  } catch (error) {
    if (error instanceof ProcessKilled) return error.exitCode;
    if (error instanceof RunawayProcess) {
      streams.stderr(`sh: ${error.message}\n`);
      return FAILURE_STATUS;
    }
    streams.stderr(`sh: ${error instanceof Error ? error.message : String(error)}\n`);
    return FAILURE_STATUS;
  }
}
