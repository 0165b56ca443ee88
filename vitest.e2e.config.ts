import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['**/e2e/**/*.e2e.ts'],
      exclude: ['**/node_modules/**'],
      testTimeout: 120_000,
      fileParallelism: false,
    },
  }),
);
