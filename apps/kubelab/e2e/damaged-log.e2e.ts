import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendEvents, checkLogTail, DamagedLogError, migrateToLatest, openSqlite, type EventRecord } from '@kubelab/event-store';
import { appMain, tempDir } from '@kubelab/testing';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const kubelab = (args: string[]) => spawnSync(process.execPath, [join(root, 'apps/kubelab/bin/kubelab.mjs'), ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
const events = 3000;

function configMapEvent(seq: number): EventRecord {
  const name = `cm-${seq}`;
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', uid: `uid-${seq}`, resourceVersion: String(seq) }, data: { text: 'x'.repeat(1000) } };
  return { seq, time: new Date(Date.UTC(2026, 10, 23, 10, 0, seq % 60)).toISOString(), type: 'ConfigMapCreated', kind: 'ConfigMap', namespace: 'default', name, uid: `uid-${seq}`, actor: 'user:admin', cause: null, data: JSON.stringify(object) };
}

/** A data dir with a log of 3000 events, damaged by `harm` once written. */
async function damagedLab(harm: (file: string) => void): Promise<{ dir: string; file: string }> {
  const dir = tempDir('damaged');
  const file = join(dir, 'events.sqlite');
  const db = openSqlite(file);
  await migrateToLatest(db);
  await appendEvents(db, Array.from({ length: events }, (_, i) => configMapEvent(i + 1)));
  await db.destroy();
  harm(file);
  return { dir, file };
}

/** Cut short, as a bad copy would leave it. */
const truncate = (file: string) => truncateSync(file, Math.floor(statSync(file).size * 0.6));

/** Three events gone from the middle, as a hand edit would leave it. */
function cutOut(file: string): void {
  const sqlite = new SQLite(file);
  sqlite.prepare('DELETE FROM events WHERE seq BETWEEN 1700 AND 1702').run();
  sqlite.close();
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a damaged event log', () => {
  it.each([['cut short', truncate, 'database disk image is malformed'], ['with a gap', cutOut, '3 events between seq 1 and 3000 are missing']] as const)('%s makes the api-server refuse to start, saying what to do, and leaves the file as it was', async (_, harm, cause) => {
    const { dir, file } = await damagedLab(harm);
    const before = digest(file);
    const started = spawnSync(process.execPath, [appMain('api-server'), '--database', file, '--port', '0', '--insecure-http', '--log-level', 'silent'], {
      cwd: root, encoding: 'utf8', timeout: 60_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toMatch(new RegExp(`^api-server: the event log ${file} is damaged \\(${cause}\\); the api-server will not serve it and changed nothing in it\\.`));
    expect(started.stderr).toContain(`kubelab check --data-dir ${dir}`);
    expect(started.stderr).toContain(`kubelab export --data-dir ${dir} --until LAST_GOOD_SEQ > good.ndjson`);
    expect(started.stderr).not.toMatch(/\n\s+at /);
    expect(digest(file)).toBe(before);
  });

  it('stops kubelab up with the api-server\'s reason, not only the path of its log', async () => {
    const { dir, file } = await damagedLab(cutOut);
    const up = kubelab(['up', '--data-dir', dir, '--api-port', '0', '--components', 'nats,api-server']);
    expect(up.status).toBe(1);
    expect(up.stderr).toContain(`kubelab: api-server exited with code 1:\napi-server: the event log ${file} is damaged (3 events between seq 1 and 3000 are missing)`);
    expect(up.stderr).toContain(`kubelab check --data-dir ${dir}`);
  });

  it('cut short, is exported as far as SQLite reads it back', async () => {
    const { dir, file } = await damagedLab(truncate);
    const whole = kubelab(['export', '--data-dir', dir]);
    expect(whole.status).toBe(1);
    expect(whole.stderr).toBe(`kubelab: ${file} cannot be read after seq 0 (database disk image is malformed); the events up to seq 0 were exported\n`);
  });

  it('with a gap, is exported up to its last good seq, and that part imports into a new lab', async () => {
    const { dir, file } = await damagedLab(cutOut);
    const whole = kubelab(['export', '--data-dir', dir]);
    expect(whole.status).toBe(1);
    expect(whole.stderr).toBe(`kubelab: ${file} cannot be read after seq 1699 (seq 1699 is followed by seq 1703); the events up to seq 1699 were exported\n`);
    const lastGood = 1699;
    const checked = kubelab(['check', '--data-dir', dir]);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain('FAIL  log-readable  every event reads back: 1699 checked\n      seqs 1700: the log cannot be read after seq 1699 (seq 1699 is followed by seq 1703): kubelab export --until 1699 keeps what reads');
    const seqs = whole.stdout.trim().split('\n').map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual(Array.from({ length: lastGood }, (_, i) => i + 1));

    const good = kubelab(['export', '--data-dir', dir, '--until', String(lastGood)]);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(good.stdout).toBe(whole.stdout);
    const fresh = tempDir('recovered');
    const imported = spawnSync(process.execPath, [join(root, 'apps/kubelab/bin/kubelab.mjs'), 'import', '-', '--data-dir', fresh], { input: good.stdout, encoding: 'utf8', timeout: 60_000 });
    expect(imported.stdout).toContain(`imported ${lastGood} events (seq 1–${lastGood})`);
  });

  it('is caught at start by its tail: a gap in the seqs', async () => {
    const db = openSqlite(join(tempDir('gap'), 'events.sqlite'));
    try {
      await migrateToLatest(db);
      await appendEvents(db, [configMapEvent(1), configMapEvent(2)]);
      await appendEvents(db, [configMapEvent(4)]);
      await expect(checkLogTail(db)).rejects.toEqual(new DamagedLogError('seq 2 is followed by seq 4'));
    } finally {
      await db.destroy();
    }
  });
});
