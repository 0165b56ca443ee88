/**
 * Scenario `api`: pod creates over HTTP against a real api-server process, the same for a
 * kind with no behaviour of its own (ConfigMap: the generic path every served kind shares),
 * and the event log's append and replay rates next to raw better-sqlite3 doing the same work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { appendEvents, migrateToLatest, openSqlite, replay, type EventRecord } from '@kubelab/event-store';
import { closedLoopPosts, quantile } from './http-load.js';
import { startApiServer } from './lab-processes.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

const podBody = (i: number) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}`, labels: { app: 'bench' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
});

const configMapBody = (i: number) => JSON.stringify({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bench-${i}`, labels: { app: 'bench' } },
  data: { 'game.properties': `enemies=aliens\nlives=${i}\n`, 'ui.properties': 'color.good=purple\n' },
});

/** Closed-loop creates of one kind at a fresh api-server, after a warm-up of 1,000. */
async function httpCreates(dir: string, step: string, collection: string, bodyOf: (i: number) => string): Promise<void> {
  const clients = 32;
  const total = 20_000;
  say(`${step} creates over HTTP: ${total} at ${collection}, ${clients} concurrent clients`);
  const server = await startApiServer(join(dir, collection.replace(/\W+/g, '-')));
  try {
    await closedLoopPosts(`${server.url}${collection}`, clients, 1000, (i) => bodyOf(total + i), () => undefined);
    const r = await closedLoopPosts(`${server.url}${collection}`, clients, total, bodyOf, (n) => say(`      ${n}/${total}`));
    say(`      creates/s: ${(r.requests / r.seconds).toFixed(0)}   p50: ${quantile(r.latenciesMs, 0.5).toFixed(2)} ms   p99: ${quantile(r.latenciesMs, 0.99).toFixed(2)} ms   errors: ${r.errors}`);
  } finally {
    server.stop();
  }
}

function sampleEvents(count: number): EventRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `bench-${i}`;
    const data = JSON.parse(podBody(i));
    data.metadata = { ...data.metadata, namespace: 'default', uid: `uid-${i}`, resourceVersion: String(i + 1), creationTimestamp: '2026-11-22T00:00:00Z' };
    return { seq: i + 1, time: '2026-11-22T00:00:00.000Z', type: 'PodCreated', kind: 'Pod', namespace: 'default', name, uid: `uid-${i}`, actor: 'bench', cause: null, data: JSON.stringify(data) };
  });
}

async function logRates(dir: string): Promise<void> {
  const count = 100_000;
  const batch = 100;
  const events = sampleEvents(count);
  say(`[3/4] event-log append: ${count} events in transactions of ${batch}`);
  const db = openSqlite(join(dir, 'log.sqlite'));
  await migrateToLatest(db);
  let t0 = performance.now();
  for (let i = 0; i < count; i += batch) await appendEvents(db, events.slice(i, i + batch));
  const appendRate = count / ((performance.now() - t0) / 1000);

  const raw = new SQLite(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, time TEXT, type TEXT, kind TEXT, namespace TEXT, name TEXT, uid TEXT, actor TEXT, cause INTEGER, data TEXT)');
  raw.exec('CREATE TABLE objects (kind TEXT, namespace TEXT, name TEXT, uid TEXT, resource_version INTEGER, data TEXT, PRIMARY KEY (kind, namespace, name))');
  const insertEvent = raw.prepare('INSERT INTO events VALUES (@seq, @time, @type, @kind, @namespace, @name, @uid, @actor, @cause, @data)');
  const upsertObject = raw.prepare('INSERT INTO objects VALUES (@kind, @namespace, @name, @uid, @seq, @data) ON CONFLICT (kind, namespace, name) DO UPDATE SET data = excluded.data, resource_version = excluded.resource_version');
  const writeBatch = raw.transaction((rows: EventRecord[]) => rows.forEach((r) => (insertEvent.run(r), upsertObject.run(r))));
  t0 = performance.now();
  for (let i = 0; i < count; i += batch) writeBatch(events.slice(i, i + batch));
  const rawAppendRate = count / ((performance.now() - t0) / 1000);
  say(`      append: ${appendRate.toFixed(0)} events/s   raw better-sqlite3: ${rawAppendRate.toFixed(0)} events/s   ratio: ${(appendRate / rawAppendRate * 100).toFixed(0)}%`);

  say(`[4/4] replay of ${count} events into an empty projection`);
  t0 = performance.now();
  const { projection } = await replay(db);
  // Parse what replay rebuilt, so both sides end with usable objects.
  const objects = [...projection.values()].map((o) => JSON.parse(o.data) as unknown);
  const replayRate = count / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  const rawProjection = new Map<string, unknown>();
  for (const row of raw.prepare('SELECT kind, namespace, name, data FROM events ORDER BY seq').iterate() as Iterable<{ kind: string; namespace: string; name: string; data: string }>) {
    rawProjection.set(`${row.kind}/${row.namespace}/${row.name}`, JSON.parse(row.data));
  }
  const rawReplayRate = count / ((performance.now() - t0) / 1000);
  say(`      replay: ${replayRate.toFixed(0)} events/s   raw read + JSON.parse: ${rawReplayRate.toFixed(0)} events/s   ratio: ${(replayRate / rawReplayRate * 100).toFixed(0)}%   (${objects.length} objects)`);
  raw.close();
  await db.destroy();
}

export async function runApiBenchmark(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  try {
    await httpCreates(dir, '[1/4] pod', '/api/v1/namespaces/default/pods', podBody);
    await httpCreates(dir, '[2/4] ConfigMap', '/api/v1/namespaces/default/configmaps', configMapBody);
    await logRates(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
