import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['**/e2e/**/*.e2e.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // One module graph for the files of a run, not one per file: the api-server's suites spent 108 s of 576 importing.
    isolate: false,
    globalSetup: ['libs/testing/src/shared-lab-setup.ts'],
  },
});
