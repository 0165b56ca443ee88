/**
 * The lab's lighter processes run as threads of one process, the thread host (apps/kubelab thread-host.ts): each node's
 * kubelet-agent, the scheduler, the controller-manager and the dashboard. A Node process costs some 45 MiB before it does
 * anything (40 of them the pages of node's binary it maps), a thread only what its component holds. Each thread is a whole
 * component, so a drill still acts on one: the supervisor asks the host, over its IPC channel, to start a component's thread
 * or to signal it, and hears when one ended. A thread cannot take signals, so the host carries them out as the process
 * would have lived them: SIGKILL ends the thread at once (its sockets close, as a killed process's do), SIGTERM asks it to
 * stop in order, SIGSTOP freezes it where it is (blocked in Atomics.wait, its connections open and silent) until SIGCONT.
 */
import { writeSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { releaseMemoryWhenIdle } from './idle-memory.js';
import { watchParent, type ListeningMessage, type ParentWatch } from './parent-watch.js';

export type ThreadSignal = 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT';

/** What the supervisor asks of the thread host, naming the component (scheduler, kubelet-agent/node-1, …). */
export type ThreadHostRequest =
  | { start: { name: string; entry: string; argv: string[]; log: string } }
  | { signal: { name: string; signal: ThreadSignal } };

/**
 * What the thread host tells the supervisor: that it takes requests, that a component's thread started, that it bound a
 * port (ParentWatch.listening), that one ended (and how).
 */
export type ThreadHostReport =
  | { ready: true }
  | { started: { name: string; threadId: number } }
  | { listening: { name: string; port: number } }
  | { exited: { name: string; code: number | null; signal: ThreadSignal | null } };

/** What the host gives each thread: where its log goes, and the word that holds it frozen (1) or lets it run (0). */
export interface HostedThreadData {
  kubelabHostedThread: true;
  logFd: number;
  frozen: Int32Array;
}

/** The host's word to a thread, posted on its port: stop in order, or freeze now. */
export type HostedThreadMessage = 'SIGTERM' | 'SIGSTOP';

/** This thread's data when it is a component's thread in the thread host; undefined in a process of its own. */
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
 * still starting), a SIGSTOP freezes it. The port does not keep the thread alive by itself; the port it listens on goes to
 * the host, which tells the supervisor. The thread gives back the young generation a burst grew once it is idle (the host's
 * threads may grow theirs to 8 MiB semi-spaces, apps/kubelab thread-host.ts).
 */
function followHost(thread: HostedThreadData): ParentWatch {
  releaseMemoryWhenIdle();
  let stop: (() => unknown) | undefined;
  parentPort!.on('message', (word: HostedThreadMessage) => {
    if (word === 'SIGSTOP') freeze(thread.frozen);
    else if (!stop) process.exit(0);
    else void stop();
  });
  parentPort!.unref();
  return { stopWith: (s) => (stop = s), listening: (port) => parentPort!.postMessage({ listening: port } satisfies ListeningMessage) };
}

/**
 * The supervisor as this component reaches it: through the thread host's port in a thread of it, else its IPC channel
 * (watchParent). `stopWith`'s function runs on every word to stop: the host's SIGTERM to a thread (which hears no signals);
 * SIGTERM or SIGINT to a process, or its supervisor gone. A process asked by a signal exits for sure `graceMs` later, or
 * at a second signal: a stop in order that waits for NATS gone (a component started by hand, docker compose, a bench)
 * would otherwise wait for ever.
 */
export function watchSupervisor(graceMs = 4000): ParentWatch {
  const thread = hostedThread();
  if (thread) return followHost(thread);
  const parent = watchParent(graceMs);
  return {
    ...parent,
    stopWith: (stop) => {
      const signalled = () => {
        process.off('SIGTERM', signalled).off('SIGINT', signalled);
        process.once('SIGTERM', () => process.exit(1)).once('SIGINT', () => process.exit(1));
        setTimeout(() => process.exit(1), graceMs).unref();
        void stop();
      };
      process.on('SIGTERM', signalled).on('SIGINT', signalled);
      parent.stopWith(stop);
    },
  };
}

/**
 * Says what went wrong in one line and exits with `code`: on stderr, or in a thread straight to its log (a thread's
 * process.stderr reaches the host later, maybe after its exit).
 */
export function exitSaying(line: string, code: number): never {
  const thread = hostedThread();
  if (thread) writeSync(thread.logFd, `${line}\n`);
  else process.stderr.write(`${line}\n`);
  process.exit(code);
}
