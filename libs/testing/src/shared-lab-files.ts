/**
 * Which e2e files run on the run's shared lab (sharedLab): the sequencer puts them first, and a worker stops its
 * shared lab as it begins a file that does not use it (shared-lab-release.ts), since none that does is left to come.
 */
import { readFileSync } from 'node:fs';

/** Whether the e2e file at `path` asks for the shared lab. */
export const usesSharedLab = (path: string): boolean => readFileSync(path, 'utf8').includes('sharedLab(');
