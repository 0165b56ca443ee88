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
    globalSetup: ['libs/testing/src/shared-lab-setup.ts'],
  },
});
