import { randomBytes } from 'node:crypto';
import { resourceTypes, type Command, type KubeObject } from '@kubelab/api';
import { migrateToLatest, openSqlite, readEvents } from '@kubelab/event-store';
import { tempSqliteFile } from '@kubelab/testing';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitLogOf } from './commit-log.js';
import { Committer } from './committer.js';
import { ObjectStore } from './object-store.js';
import { WatchHub } from './watch-hub.js';

const options = { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' };
const type = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
/** A ConfigMap of about `bytes` of random text: the log stores objects deflated, and this one does not shrink. */
const configMap = (name: string, bytes = 10): Command => ({
  type: 'Create', resource: type('ConfigMap'), namespace: 'default',
  body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { x: randomBytes(bytes).toString('base64').slice(0, bytes) } } as KubeObject,
  options: { fieldValidation: 'Strict', fieldManager: 'test', dryRun: false },
});

/** The log lines the committer writes, as objects. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('Committer: storage faults', () => {
  let file: string;
  let db: ReturnType<typeof openSqlite>;
  let committer: Committer;
  let lines: Record<string, unknown>[];

  beforeEach(async () => {
    file = tempSqliteFile();
    db = openSqlite(file, { busyTimeoutMs: 50 });
    await migrateToLatest(db);
    const captured = capturingLogger();
    lines = captured.lines;
    committer = new Committer(commitLogOf(db, false, file), new ObjectStore(), new WatchHub(100), options, captured.log, 0);
    const namespace: Command = {
      type: 'Create', resource: type('Namespace'), namespace: '', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
      options: { fieldValidation: 'Strict', fieldManager: 'test', dryRun: false },
    };
    await committer.execute(namespace, 'test');
  });
  afterEach(() => db.destroy());

  it('refuses writes on a full database with a 500 naming the cause, logs it once, writes nothing, and resumes when space returns', async () => {
    // SQLite's own page limit: the same SQLITE_FULL a full disk gives, on any machine.
    const pages = Number(((await sql<{ page_count: number }>`PRAGMA page_count`.execute(db)).rows[0]).page_count);
    await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(db);
    const refusals = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => committer.execute(configMap(`big-${i}`, 20_000), 'test')));
    for (const r of refusals) {
      expect(r.status).toBe('rejected');
      const status = (r as PromiseRejectedResult).reason.status;
      expect(status).toMatchObject({ kind: 'Status', code: 500, reason: 'InternalError' });
      expect(status.message).toMatch(/^Internal error occurred: the event log could not be written: no space left on device \(database or disk is full\); nothing was written/);
    }
    expect((await readEvents(db)).map((e) => e.seq)).toEqual([1]);
    expect(committer.lastCommittedSeq).toBe(1);
    expect(lines.filter((l) => l.level === 50)).toHaveLength(1);

    await sql.raw('PRAGMA max_page_count = 1073741823').execute(db);
    const created = await committer.execute(configMap('after'), 'test');
    expect(JSON.parse(created.body).metadata.resourceVersion).toBe('2');
    expect((await readEvents(db)).map((e) => [e.seq, e.name])).toEqual([[1, 'default'], [2, 'after']]);
    expect(lines.filter((l) => l.msg === 'event log writable again')).toMatchObject([{ cause: 'full', refused: 5 }]);
  });

  it('waits out a short lock by another process, and answers a long one with 503 and Retry-After', async () => {
    const other = new SQLite(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      setTimeout(() => other.exec('COMMIT'), 300);
      expect((await committer.execute(configMap('waited'), 'test')).code).toBe(201);

      other.exec('BEGIN IMMEDIATE');
      const refused = await committer.execute(configMap('locked'), 'test').catch((e) => e.status);
      expect(refused).toMatchObject({ code: 503, reason: 'ServiceUnavailable', details: { retryAfterSeconds: 1 } });
      expect(refused.message).toContain('the event log is locked by another process (database is locked)');
      other.exec('ROLLBACK');
      expect((await committer.execute(configMap('unlocked'), 'test')).code).toBe(201);
      expect((await readEvents(db)).map((e) => e.name)).toEqual(['default', 'waited', 'unlocked']);
    } finally {
      other.close();
    }
  });

  it('refuses writes to a read-only database with a 500 that says so', async () => {
    await sql.raw('PRAGMA query_only = ON').execute(db);
    const refused = await committer.execute(configMap('ro'), 'test').catch((e) => e.status);
    expect(refused).toMatchObject({ code: 500, reason: 'InternalError' });
    expect(refused.message).toContain(`${file} is read-only`);
  });
});
