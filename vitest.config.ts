import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));
const paths: Record<string, string[]> = tsconfig.compilerOptions.paths;
const alias = Object.fromEntries(
  Object.entries(paths).map(([name, [target]]) => [name, resolve(import.meta.dirname, target)]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/e2e/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
