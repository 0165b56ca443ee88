/**
 * A process's young generation given back when it is idle. V8 grows a process's semi-spaces under a burst of work and
 * keeps them after it: the api-server, whose semi-spaces may reach 16 MiB (components.ts apiServerNodeFlags), holds 32
 * MiB of them at rest where 1 would do. V8 shrinks them only in a collection that finds the allocation rate low, and an
 * idle process allocates too little to collect at all. So, while the process is idle and its young generation is
 * larger than its least, it collects every few seconds: V8 judges the rate over its last collections and shrinks the
 * semi-spaces after about six (each takes some 20 ms of an idle api-server). Once they are back at their least,
 * nothing more is collected until a burst grows them again. The same holds for each thread of the thread host, whose
 * young generations may reach 8 MiB semi-spaces (apps/kubelab thread-host.ts): idle is judged per thread, by the time its
 * event loop was busy, as the process's CPU is all its threads'.
 */
import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

/** What the process or thread was at one check: the time, how long it had been busy (collections excluded), its young generation's size. */
export interface IdleSample {
  atMs: number;
  busyMicros: number;
  youngBytes: number;
}

/** A process (by its CPU) or thread (by its event loop) busy less than this share of the time between two checks is idle. */
export const idleBusyShare = 0.02;

/** The young generation at its least: V8's two 1 MiB semi-spaces, less than the 2 MiB of one grown once. */
export const leastYoungBytes = 2 * 1024 * 1024;

/** Whether to collect at the check `now`: the process was idle since `before` and its young generation is still grown. */
export function collectsWhenIdle(before: IdleSample, now: IdleSample): boolean {
  const wallMicros = (now.atMs - before.atMs) * 1000;
  if (wallMicros <= 0 || now.youngBytes <= leastYoungBytes) return false;
  return (now.busyMicros - before.busyMicros) / wallMicros < idleBusyShare;
}

const youngBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.physical_space_size ?? 0;
/**
 * How long the process has been busy so far (µs): the CPU it used, in a process of its own; in a thread, whose process's CPU
 * is all its threads', the time its event loop spent running callbacks.
 */
const busyMicros = isMainThread
  ? () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  }
  : () => performance.eventLoopUtilization().active * 1000;

/**
 * Checks every `everyMs` and collects when collectsWhenIdle says so. Needs node's --expose-gc (the api-server's flags
 * carry it, and the thread host's); without it, nothing is started. Returns what stops the checks.
 */
export function releaseMemoryWhenIdle(everyMs = 2000): () => void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return () => undefined;
  // The collections' own time is left out of the next check's share: they would otherwise make an idle process look busy.
  let collectedMicros = 0;
  const sample = (): IdleSample => ({ atMs: Date.now(), busyMicros: busyMicros() - collectedMicros, youngBytes: youngBytes() });
  let before = sample();
  const timer = setInterval(() => {
    const now = sample();
    if (collectsWhenIdle(before, now)) {
      const began = busyMicros();
      collect();
      collectedMicros += busyMicros() - began;
    }
    before = now;
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
