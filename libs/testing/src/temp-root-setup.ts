/**
 * Global setup of every vitest run (vitest.config.ts, vitest.e2e.config.ts): one directory for the run's temporary
 * directories (tempDir), handed to the workers through the environment and removed, with whatever the suites left
 * in it, when the run ends. Open to every user to pass through: a suite's PostgreSQL runs as `postgres` in a
 * directory of its own inside.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testTempRootVariable } from './temp-dir.js';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'kubelab-test-run-'));
  chmodSync(root, 0o711);
  process.env[testTempRootVariable] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
