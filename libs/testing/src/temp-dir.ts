/**
 * A fresh temporary directory per test. Under a vitest run they all go in the run's own directory, which the run
 * removes as it ends (temp-root-setup.ts): vitest ends its workers with SIGTERM, so a worker's exit event, on which
 * this module removes what it made, never comes, and each `npm test` left about 250 directories (533 MB) in /tmp, the labs'
 * event logs among them. Outside a run (a bench) they are removed when the process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where temp-root-setup.ts tells the run's workers to make their directories. */
export const testTempRootVariable = 'KUBELAB_TEST_TMPDIR';

const made: string[] = [];
process.once('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Creates `kubelab-<prefix>-XXXX` in the run's directory, or in the system's temporary directory outside a run. */
export function tempDir(prefix = 'test'): string {
  const dir = mkdtempSync(join(process.env[testTempRootVariable] ?? tmpdir(), `kubelab-${prefix}-`));
  made.push(dir);
  return dir;
}

/** A path for a new SQLite file inside a fresh temporary directory. */
export function tempSqliteFile(): string {
  return join(tempDir('sqlite'), 'events.sqlite');
}
