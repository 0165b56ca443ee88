/**
 * The e2e run's order (vitest.e2e.config.ts): first the files that run on the shared lab, then the
 * rest, each part longest first. The shared labs then live only while their files run: a worker
 * stops its own as it takes a file of the second part (shared-lab-release.ts). Idle at time scale
 * 20, a shared lab uses a fifth of a core, and it lived the whole run while its files took a sixth
 * of it. Longest first, from the durations a loaded full run measured (e2e-durations.json), so
 * the longest suites are not the last to start and the run ends when its workers do. A file not
 * yet measured goes first in its part: it may be long. Refresh the durations from a run's report
 * when suites change much (`npm run e2e-durations -- LOG`).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { usesSharedLab } from './shared-lab-files.js';

const durations = JSON.parse(readFileSync(new URL('../e2e-durations.json', import.meta.url), 'utf8')) as Record<string, number>;

/** Seconds a suite took in the measured run; a new suite counts as longer than any. */
const measuredSeconds = (path: string): number => durations[path] ?? Number.POSITIVE_INFINITY;

/** `files` in the e2e run's order: those on the shared lab, then the others, each part longest first (an unmeasured file, Infinity, first of its part). */
export function e2eOrder<T>(files: T[], seconds: (file: T) => number, shared: (file: T) => boolean): T[] {
  const onShared = new Map(files.map((file) => [file, shared(file)]));
  return [...files].sort((a, b) => Number(onShared.get(b)) - Number(onShared.get(a)) || Math.sign(seconds(b) - seconds(a)) || 0);
}

/** vitest's sequencer for the e2e run (e2eOrder). */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    return e2eOrder(files, (spec) => measuredSeconds(relative(root, spec.moduleId)), (spec) => usesSharedLab(spec.moduleId));
  }
}
