/** A fresh temporary directory per test, removed when the test process ends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.once('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Creates `/tmp/kubelab-<prefix>-XXXX`. */
export function tempDir(prefix = 'test'): string {
  const dir = mkdtempSync(join(tmpdir(), `kubelab-${prefix}-`));
  made.push(dir);
  return dir;
}

/** A path for a new SQLite file inside a fresh temporary directory. */
export function tempSqliteFile(): string {
  return join(tempDir('sqlite'), 'events.sqlite');
}
