/**
 * busybox `ps`: the container's processes in busybox's default format; on a node, procps' (procps.ts)
 * (`PID   USER     TIME  COMMAND`). Options (`ps aux`, `ps -ef`) are accepted
 * and change nothing, as in busybox. The rows come from the agent's process
 * table (PID 1 is the container's command, each exec session one more);
 * without one, only this process is shown.
 */
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import type { ProcessInfo } from '../process/process-host.js';
import type { CommandContext } from './command-context.js';
import { procpsTable } from './procps.js';

/** Emulated processes use no measurable CPU, so TIME is always busybox's zero. */
const CPU_TIME = '0:00';

/** Prints one row per process, by PID (procps' columns on a node). */
export function ps(context: CommandContext): number {
  const { runtime } = context;
  const processes: readonly ProcessInfo[] = runtime.processes?.list() ?? [
    { pid: runtime.pid, user: 'root', command: runtime.commandLine, startedAt: runtime.now() },
  ];
  if (runtime.procps) {
    const shell = processes.find((p) => p.pid === runtime.pid);
    const own = [...(shell ? [shell] : []), { pid: runtime.pid + 1, user: 'root', command: 'ps', startedAt: runtime.now(), tty: shell?.tty, stat: 'R+', ppid: runtime.pid }];
    context.stdout(encodeUtf8(procpsTable(context.args.map(decodeUtf8), [...processes, own[own.length - 1]], own, runtime.now())));
    return 0;
  }
  const rows = [...processes].sort((a, b) => a.pid - b.pid).map((process) => `${String(process.pid).padStart(5)} ${encodeUtf8(process.user).slice(0, 8).padEnd(8)} ${CPU_TIME.padStart(5)} ${encodeUtf8(process.command)}\n`);
  context.stdout(`PID   USER     TIME  COMMAND\n${rows.join('')}`);
  return 0;
}
