/**
 * Set up before each e2e file (vitest.e2e.config.ts): a file that does not run on the shared lab stops its
 * worker's. The sequencer (longest-first.ts) hands out every file that does before any that does not, so
 * none is left to come for it, and the lab no longer idles beside the suites that start their own.
 */
import { beforeAll } from 'vitest';
import { stopSharedLab } from './lab.js';
import { usesSharedLab } from './shared-lab-files.js';

// vitest reads the fixtures a hook uses from its first argument's pattern, which must be one: this hook uses none.
// eslint-disable-next-line no-empty-pattern
beforeAll(({}, suite) => {
  if (!usesSharedLab(suite.file.filepath)) stopSharedLab();
}, 90_000);
