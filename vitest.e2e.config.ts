import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';
import LongestFirst from './libs/testing/src/longest-first.js';

/**
 * e2e files at once: most of a suite's time is waiting on its lab, but each worker keeps a lab of its own alive. Five
 * overloaded two cores; on a two-core machine a few times slower than usual, four labs timed out while they started,
 * and with three (load average 13-16 beside the checks) most runs left one suite past one of its deadlines
 * (KUBELAB_E2E_WORKERS to change it).
 */
const workers = Number(process.env.KUBELAB_E2E_WORKERS) || 2;

export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['**/e2e/**/*.e2e.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Files side by side, each worker one at a time: the shared lab's first, then the rest, each part longest first; a worker's files share its lab (sharedLab) until the first that does not stops it.
    fileParallelism: true,
    maxWorkers: workers,
    sequence: { sequencer: LongestFirst },
    // One module graph for the files of a worker, not one per file: the api-server's suites spent 108 s of 576 importing.
    isolate: false,
    // The run's directory for temporary files first: its teardown, last, removes it once the shared labs are stopped.
    globalSetup: ['libs/testing/src/temp-root-setup.ts', 'libs/testing/src/shared-lab-setup.ts'],
    setupFiles: ['libs/testing/src/shared-lab-release.ts', 'libs/testing/src/failed-tests.ts'],
  },
});
