/**
 * Scenario `log-size`: what a pod lifecycle costs the event log. In a lab as `kubelab up`
 * starts it (HTTPS, service account tokens), a Deployment of 100 replicas on 5 nodes is scaled up, each pod runs, and it is scaled to 0; then the
 * rows written meanwhile are summed from the log file by type, kind and actor: the
 * objects' bytes as read, the share of metadata.managedFields in them, and the bytes
 * the rows take as stored (every column).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { appendEvents, migrateToLatest, openSqlite, readEvents, replay, type EventRecord } from '@kubelab/event-store';
import type { Pod } from '@kubelab/api';
import { startLab, tempSqliteFile, type TestLab } from '@kubelab/testing';
import { sql } from 'kysely';

const timeScale = 10;
const replicas = 100;
const nodes = 5;
const say = (line: string) => process.stdout.write(`${line}\n`);

const deployment = JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'sized' },
  spec: {
    replicas: 0, selector: { matchLabels: { app: 'sized' } },
    template: { metadata: { labels: { app: 'sized' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80 }] }] } },
  },
});

async function scale(lab: TestLab, to: number): Promise<void> {
  const res = await lab.fetch(`${lab.apiUrl}/apis/apps/v1/namespaces/default/deployments/sized/scale`, {
    method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { replicas: to } }),
  });
  if (!res.ok) throw new Error(`scaling to ${to}: ${res.status} ${await res.text()}`);
}

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function podsOf(lab: TestLab): Promise<Pod[]> {
  return ((await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/default/pods?labelSelector=app%3Dsized`).then((r) => r.json())) as { items: Pod[] }).items;
}

async function lastSeq(lab: TestLab): Promise<number> {
  return Number(((await lab.fetch(`${lab.apiUrl}/api/v1/namespaces`).then((r) => r.json())) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
}

interface Tally {
  rows: number;
  bytes: number;
  managedFields: number;
}

function add(tallies: Map<string, Tally>, key: string, bytes: number, managedFields: number): void {
  const t = tallies.get(key) ?? { rows: 0, bytes: 0, managedFields: 0 };
  t.rows += 1;
  t.bytes += bytes;
  t.managedFields += managedFields;
  tallies.set(key, t);
}

function table(title: string, tallies: Map<string, Tally>, pods: number): void {
  say(`\n${title}`);
  say(`  ${'key'.padEnd(58)} ${'rows/pod'.padStart(9)} ${'B/row'.padStart(7)} ${'B/pod'.padStart(8)} ${'mF %'.padStart(5)}`);
  for (const [key, t] of [...tallies].sort((a, b) => b[1].bytes - a[1].bytes)) {
    say(`  ${key.padEnd(58)} ${(t.rows / pods).toFixed(2).padStart(9)} ${Math.round(t.bytes / t.rows).toString().padStart(7)} ${Math.round(t.bytes / pods).toString().padStart(8)} ${((100 * t.managedFields) / Math.max(1, t.bytes)).toFixed(0).padStart(5)}`);
  }
}

/** Bytes of the pages of each table and index (SQLite's dbstat), write-ahead log included. */
async function pagesByTree(file: string): Promise<Map<string, number>> {
  const db = openSqlite(file, { readonly: true });
  try {
    const rows = await sql<{ name: string; bytes: number }>`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`.execute(db);
    return new Map(rows.rows.map((r) => [r.name, Number(r.bytes)]));
  } finally {
    await db.destroy();
  }
}

/**
 * What storing and reading these rows costs, in a fresh log file: appended in batches of
 * 100 (the api-server's group commits), then read back whole and replayed. Microseconds per
 * row: CPU time of every thread of this process (libuv's threadpool, where rows are deflated,
 * included), which a busy machine disturbs less than the wall clock, and the wall clock.
 */
async function storeCosts(events: EventRecord[]): Promise<void> {
  const renumbered = events.map((e, i) => ({ ...e, seq: i + 1 }));
  const timed = async (what: string | undefined, work: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const began = performance.now();
    await work();
    const wall = (performance.now() - began) * 1000;
    const used = process.cpuUsage(cpu);
    if (what) say(`  ${what.padEnd(30)} ${((used.user + used.system) / events.length).toFixed(1).padStart(7)} µs/row CPU, ${(wall / events.length).toFixed(1).padStart(7)} µs/row wall`);
  };
  // The first pass warms the JIT up; the second is measured.
  for (const measured of [false, true]) {
    const db = openSqlite(tempSqliteFile());
    try {
      await migrateToLatest(db);
      if (measured) say('\n  costs, in a fresh log file (after a first pass):');
      await timed(measured ? 'appendEvents (batches of 100)' : undefined, async () => {
        for (let i = 0; i < renumbered.length; i += 100) await appendEvents(db, renumbered.slice(i, i + 100));
      });
      await timed(measured ? 'readEvents (all)' : undefined, () => readEvents(db));
      await timed(measured ? 'replay' : undefined, () => replay(db));
    } finally {
      await db.destroy();
    }
  }
}

async function measure(lab: TestLab): Promise<void> {
  const file = join(lab.dataDir, 'events.sqlite');
  await lab.fetch(`${lab.apiUrl}/apis/apps/v1/namespaces/default/deployments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deployment });
  await new Promise((r) => setTimeout(r, 2000));
  const since = await lastSeq(lab);
  const pagesBefore = await pagesByTree(file);
  say(`[2/3] ${replicas} replicas up, Running, then scaled to 0 (from seq ${since})`);
  await scale(lab, replicas);
  await until(`${replicas} pods Running`, async () => (await podsOf(lab)).filter((p) => p.status?.phase === 'Running').length === replicas);
  await scale(lab, 0);
  await until('every pod gone', async () => (await podsOf(lab)).length === 0);
  await new Promise((r) => setTimeout(r, 2000));
  say('[3/3] the rows written meanwhile');
  const pagesAfter = await pagesByTree(file);
  const db = openSqlite(file, { readonly: true });
  try {
    const events = await readEvents(db, { afterSeq: since });
    const stored = await db.selectFrom('events').where('seq', '>', since)
      .select([sql<number>`sum(length(data))`.as('data'), sql<number>`sum(length(data) + length(time) + length(type) + length(kind) + length(namespace) + length(name) + length(uid) + length(actor) + 16)`.as('row')])
      .executeTakeFirstOrThrow();
    const byType = new Map<string, Tally>();
    const byKind = new Map<string, Tally>();
    const byActor = new Map<string, Tally>();
    const byReason = new Map<string, Tally>();
    let total = 0;
    for (const e of events) {
      const object = JSON.parse(e.data) as { metadata?: { managedFields?: unknown }; reason?: string; count?: number };
      const bytes = Buffer.byteLength(e.data);
      const managedFields = object.metadata?.managedFields ? Buffer.byteLength(JSON.stringify(object.metadata.managedFields)) : 0;
      total += bytes;
      add(byType, `${e.kind} ${e.type}`, bytes, managedFields);
      add(byKind, e.kind, bytes, managedFields);
      add(byActor, e.actor, bytes, managedFields);
      if (e.kind === 'Event') add(byReason, `${object.reason} (${e.type})`, bytes, managedFields);
    }
    table('by kind and type', byType, replicas);
    table('by kind', byKind, replicas);
    table('by actor', byActor, replicas);
    table('Events by reason', byReason, replicas);
    say(`\n  rows: ${events.length} (${(events.length / replicas).toFixed(1)} per pod)`);
    say(`  objects as read: ${(total / replicas / 1024).toFixed(1)} KiB per pod`);
    say(`  data column as stored: ${(Number(stored.data) / replicas / 1024).toFixed(1)} KiB per pod; whole rows (every column, 16 B for the numbers): ${(Number(stored.row) / replicas / 1024).toFixed(1)} KiB per pod`);
    await storeCosts(events);
  } finally {
    await db.destroy();
  }
  const growth = [...pagesAfter].map(([tree, bytes]) => `${tree} ${((bytes - (pagesBefore.get(tree) ?? 0)) / replicas / 1024).toFixed(1)}`);
  const total = [...pagesAfter.values()].reduce((a, b) => a + b, 0) - [...pagesBefore.values()].reduce((a, b) => a + b, 0);
  say(`  pages grown: ${(total / replicas / 1024).toFixed(1)} KiB per pod (${growth.join(', ')})`);
}

export async function runLogSizeBenchmark(): Promise<void> {
  say(`[1/3] kubelab up: ${nodes} nodes at time scale ${timeScale}`);
  const lab = await startLab({ nodes, timeScale, components: ['nats', 'api-server', 'scheduler', 'controller-manager', 'kubelet-agent'] });
  try {
    await measure(lab);
  } finally {
    lab.stop();
    rmSync(lab.dataDir, { recursive: true, force: true });
  }
}
