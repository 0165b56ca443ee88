/**
 * The learner's progress, kept in the lab's data dir as learn.json: the scenario in
 * progress (`current`) and, per scenario, its state, where its log starts (`startSeq`),
 * the UIDs and objects its start left, and how many hints were given. `kubelab learn`
 * writes it, one change at a time under a lock (a `check` in one terminal and a `hint`
 * in another keep both); the dashboard only reads it.
 */
import { existsSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '@kubelab/api';

export interface Progress {
  current?: string;
  scenarios: Record<string, { state: 'in-progress' | 'done'; startSeq: number; startedAt: string; uids: string[]; objects: KubeObject[]; hints: number }>;
}

/** learn.json in the data dir. */
export const progressFile = (at: { dataDir: string }) => join(at.dataDir, 'learn.json');

/** The progress in the data dir; none yet (or a file that is not JSON) is no progress. */
export function readProgress(at: { dataDir: string }): Progress {
  if (!existsSync(progressFile(at))) return { scenarios: {} };
  try {
    return JSON.parse(readFileSync(progressFile(at), 'utf8')) as Progress;
  } catch {
    return { scenarios: {} };
  }
}

/** How long a writer waits for the lock; a lock older than this was left by a process that died holding it. */
const lockPatienceMs = 5000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Applies `change` to the progress as it is on disk now and writes the result whole (by
 * rename, so a reader never sees half a file), holding learn.json.lock meanwhile: two
 * `kubelab learn` commands at once each keep the other's change.
 */
export function updateProgress(at: { dataDir: string }, change: (p: Progress) => void): void {
  const file = progressFile(at);
  const lock = `${file}.lock`;
  const deadline = Date.now() + lockPatienceMs;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const stale = (() => {
        try {
          return Date.now() - statSync(lock).mtimeMs > lockPatienceMs;
        } catch {
          return false;
        }
      })();
      if (stale || Date.now() > deadline) rmSync(lock, { force: true });
      else Atomics.wait(pause, 0, 0, 10);
    }
  }
  try {
    const progress = readProgress(at);
    change(progress);
    writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(progress, null, 2)}\n`);
    renameSync(`${file}.${process.pid}.tmp`, file);
  } finally {
    rmSync(lock, { force: true });
  }
}
