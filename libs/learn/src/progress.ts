/**
 * The learner's progress, kept in the lab's data dir as learn.json: the scenario in
 * progress (`current`) and, per scenario, its state, where its log starts (`startSeq`),
 * the UIDs and objects its start left, and how many hints were given. `kubelab learn`
 * writes it; the dashboard only reads it.
 */
import { existsSync, readFileSync } from 'node:fs';
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
