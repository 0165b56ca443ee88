import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));
const paths: Record<string, string[]> = tsconfig.compilerOptions.paths;
const alias = Object.fromEntries(
  Object.entries(paths).map(([name, [target]]) => [name, resolve(import.meta.dirname, target)]),
);

/** The libs tagged type:pure (no I/O, no module state): their specs share one module graph per worker instead of importing it again for each file. */
const pureLibs = readdirSync(new URL('./libs', import.meta.url)).filter((lib) =>
  JSON.parse(readFileSync(new URL(`./libs/${lib}/project.json`, import.meta.url), 'utf8')).tags.includes('type:pure'),
);
const unitExclude = ['**/node_modules/**', '**/e2e/**'];

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'pure', include: pureLibs.map((lib) => `libs/${lib}/**/*.spec.ts`), exclude: unitExclude, isolate: false } },
      { extends: true, test: { name: 'shells', include: ['**/*.spec.ts'], exclude: [...unitExclude, ...pureLibs.map((lib) => `libs/${lib}/**`)] } },
    ],
  },
});
