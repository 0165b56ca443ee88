/**
 * The processes a lab left running when its supervisor died without stopping them.
 * A process counts only while its pid *and* its command line (/proc/PID/cmdline, as
 * lab.json recorded it) match, so a pid the kernel has since given to another program
 * is never touched. They are stopped as the supervisor would have: SIGTERM to the
 * process group, SIGKILL to what is left after 5 s.
 */
import { readFileSync } from 'node:fs';
import type { LabState } from './lab-state.js';
import { signalGroup } from './process-group.js';

type LabProcess = LabState['processes'][number];

/** A process's arguments as /proc shows them; undefined once it is gone (a zombie shows none). */
export function cmdlineOf(pid: number): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
  return text === '' ? undefined : text.replace(/\0$/, '').split('\0');
}

/** True while the process lab.json names still runs the command it recorded. */
export function stillRuns(p: LabProcess): boolean {
  const now = cmdlineOf(p.pid);
  return now !== undefined && p.cmdline.length > 0 && now.length === p.cmdline.length && now.every((arg, i) => arg === p.cmdline[i]);
}

/** The lab's processes that still run (a node agent's thread is its host's process, listed once as the host). */
export const leftovers = (state: LabState): LabProcess[] => state.processes.filter((p) => !p.thread && stillRuns(p));

/** `api-server (pid 4242), scheduler (pid 4243)` */
export const describeProcesses = (processes: readonly LabProcess[]) => processes.map((p) => `${p.name} (pid ${p.pid})`).join(', ');

/** Stops the processes, TERM then KILL after `graceMs`; resolves once they are gone. */
export async function stopLeftovers(processes: readonly LabProcess[], graceMs = 5000): Promise<void> {
  const running = () => processes.filter(stillRuns);
  for (const p of running()) {
    signalGroup(p.pid, 'SIGTERM');
    // A paused process acts on the TERM only once continued.
    signalGroup(p.pid, 'SIGCONT');
  }
  await gone(running, graceMs);
  for (const p of running()) signalGroup(p.pid, 'SIGKILL');
  await gone(running, 1000);
}

/** The lab in the data dir was not stopped cleanly: the supervisor is gone; stops what it left and says so (for `kubelab up` and `kubelab down`). */
export async function stopLeftoversOf(state: LabState, dataDir: string, say: (text: string) => void): Promise<void> {
  const left = leftovers(state);
  const unclean = `kubelab: the lab in ${dataDir} was not stopped cleanly (supervisor pid ${state.supervisorPid} is gone)`;
  if (left.length === 0) return say(`${unclean}; none of its processes is left\n`);
  say(`${unclean}; stopping its leftover processes: ${describeProcesses(left)}\n`);
  await stopLeftovers(left);
}

async function gone(running: () => LabProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (running().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
