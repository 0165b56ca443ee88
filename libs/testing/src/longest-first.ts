/**
 * The e2e run's order (vitest.e2e.config.ts): its workers take files longest first, from the
 * durations a loaded full run measured (e2e-durations.json), so the longest suites are not the
 * last to start and the run ends when its workers do. A file not yet measured goes first: it
 * may be long. Refresh the file from a run's report when suites change much
 * (`npm run e2e-durations -- LOG`).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const durations = JSON.parse(readFileSync(new URL('../e2e-durations.json', import.meta.url), 'utf8')) as Record<string, number>;

/** Seconds a suite took in the measured run; a new suite counts as longer than any. */
const measuredSeconds = (path: string): number => durations[path] ?? Number.POSITIVE_INFINITY;

/** vitest's sequencer for the e2e run: files longest first. */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification) => measuredSeconds(relative(root, spec.moduleId));
    return [...files].sort((a, b) => Math.sign(seconds(b) - seconds(a)) || 0);
  }
}
