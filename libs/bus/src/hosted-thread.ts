/**
 * The nodes' agents of a lab run as threads of one process, the agents' host (apps/kubelet-agent agent-host.ts): a Node
 * process costs 40 MiB before it does anything, a thread only what its agent holds. Each thread is a whole agent of one
 * node, so a drill still acts on one node: the supervisor asks the host, over its IPC channel, to start a node's thread or
 * to signal it, and hears when one ended. A thread cannot take signals, so the host carries them out as the process would
 * have lived them: SIGKILL ends the thread at once (its sockets close, as a killed process's do), SIGTERM asks it to stop in
 * order, SIGSTOP freezes it where it is (blocked in Atomics.wait, its connections open and silent) until SIGCONT.
 */
import { writeSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

export type ThreadSignal = 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT';

/** What the supervisor asks of the agents' host. */
export type AgentHostRequest =
  | { start: { node: string; entry: string; argv: string[]; log: string } }
  | { signal: { node: string; signal: ThreadSignal } };

/** What the agents' host tells the supervisor: that it takes requests, that a node's thread started, that one ended (and how). */
export type AgentHostReport =
  | { ready: true }
  | { started: { node: string; threadId: number } }
  | { exited: { node: string; code: number | null; signal: ThreadSignal | null } };

/** What the host gives each thread: where its log goes, and the word that holds it frozen (1) or lets it run (0). */
export interface HostedThreadData {
  kubelabHostedThread: true;
  logFd: number;
  frozen: Int32Array;
}

/** The host's word to a thread, posted on its port: stop in order, or freeze now. */
export type HostedThreadMessage = 'SIGTERM' | 'SIGSTOP';

/** This thread's data when it is a node's agent in the agents' host; undefined in a process of its own. */
export function hostedThread(): HostedThreadData | undefined {
  if (isMainThread) return undefined;
  const data = workerData as Partial<HostedThreadData> | undefined;
  return data?.kubelabHostedThread ? (data as HostedThreadData) : undefined;
}

/** Blocks the thread while its word says frozen: nothing of it runs, as nothing of a process runs between SIGSTOP and SIGCONT. */
function freeze(frozen: Int32Array): void {
  while (Atomics.load(frozen, 0) === 1) Atomics.wait(frozen, 0, 1);
}

/**
 * Follows the host's words from now on: a SIGTERM stops the thread as `stopWith`'s function stops it (at once while it is
 * still starting), a SIGSTOP freezes it. The port does not keep the thread alive by itself.
 */
export function followHost(thread: HostedThreadData): { stopWith(stop: () => unknown): void } {
  let stop: (() => unknown) | undefined;
  parentPort!.on('message', (word: HostedThreadMessage) => {
    if (word === 'SIGSTOP') freeze(thread.frozen);
    else if (!stop) process.exit(0);
    else void stop();
  });
  parentPort!.unref();
  return { stopWith: (s) => (stop = s) };
}

/** Writes a line to the thread's log at once: a thread's process.stderr reaches the host later, maybe after its exit. */
export const writeToThreadLog = (thread: HostedThreadData, text: string) => writeSync(thread.logFd, text);
