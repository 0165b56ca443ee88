import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));
const paths: Record<string, string[]> = tsconfig.compilerOptions.paths;
const alias = Object.fromEntries(
  Object.entries(paths).map(([name, [target]]) => [name, resolve(import.meta.dirname, target)]),
);

const unitExclude = ['**/node_modules/**', '**/e2e/**'];

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    include: ['**/*.spec.ts'],
    exclude: unitExclude,
    // A worker imports the module graph once for all the spec files it runs, not once per file (a quarter of the time);
    // specs keep no state between files: fake timers are restored, nothing global is stubbed.
    isolate: false,
    globalSetup: ['libs/testing/src/temp-root-setup.ts'],
  },
});
