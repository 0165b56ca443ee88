import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openEventLog, readObjects, replay } from '@kubelab/event-store';
import { appMain, eventLogKinds, freePort, newEventLogDatabase, sharedPostgres, waitFor } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** On plain HTTP: this suite is about the event log surviving a crash, not TLS. */
function startProcess(port: number, database: string): ChildProcess {
  return spawn(process.execPath, [appMain('api-server'), '--port', String(port), '--database', database, '--insecure-http'], { cwd: root, stdio: 'ignore' });
}

const ready = (url: string) => waitFor(() => fetch(`${url}/readyz`).then((r) => r.ok, () => false), 'the api-server to answer', 90_000); // a cold start: a loaded machine needs the time

/** Reads a watch stream and returns the events seen so far. */
function watchFrom(url: string, rv: string) {
  const events: { type: string; object: { metadata: { name: string; resourceVersion: string } } }[] = [];
  const controller = new AbortController();
  const done = fetch(`${url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}`, { signal: controller.signal }).then(async (res) => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
    }
  }).catch(() => undefined);
  return { events, stop: () => controller.abort(), done };
}

/** Creates pods named `w<writer>-<i>` from 8 writers until `stop()` or the server stops answering; returns what was acknowledged and refused. */
function writeContinuously(url: string) {
  const acknowledged: string[] = [];
  const refusals: { status: number; message: string }[] = [];
  let attempted = 0;
  let stopped = false;
  const writer = async (w: number) => {
    for (let i = 0; !stopped; i++) {
      const name = `w${w}-${i}`;
      attempted++;
      const res = await fetch(`${url}/api/v1/namespaces/default/pods`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }),
      }).catch(() => undefined);
      if (!res) return;
      if (res.status === 201) acknowledged.push(name);
      else refusals.push({ status: res.status, message: ((await res.json()) as { message: string }).message });
    }
  };
  const done = Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
  return { acknowledged, refusals, attempted: () => attempted, stop: () => ((stopped = true), done), done };
}

/** The stored projection equals the replay of the log. */
async function expectReplayEqualsProjection(database: string) {
  const { db } = openEventLog(database);
  const { projection } = await replay(db);
  const stored = await readObjects(db);
  await db.destroy();
  expect(new Map(stored.map((o) => [`${o.kind}/${o.namespace}/${o.name}`, o.data]))).toEqual(new Map([...projection.values()].map((o) => [`${o.kind}/${o.namespace}/${o.name}`, o.data])));
}

describe.each(eventLogKinds)('kill -9 of the api-server in the middle of a stream of writes, on %s', (kind) => {
  it('keeps every acknowledged write, nothing half-written, and lets watchers resume without a miss', async () => {
    const port = await freePort();
    const database = await newEventLogDatabase(kind);
    const url = `http://127.0.0.1:${port}`;
    let child = startProcess(port, database);
    await ready(url);
    const startRv = ((await fetch(`${url}/api/v1/namespaces/default/pods`).then((r) => r.json())) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const watcher = watchFrom(url, startRv);

    const writes = writeContinuously(url);
    const acknowledged = writes.acknowledged;
    await waitFor(() => acknowledged.length >= 300, 'some writes to be acknowledged', 60_000);
    child.kill('SIGKILL');
    await writes.done;
    watcher.stop();
    await watcher.done;

    child = startProcess(port, database);
    try {
      await ready(url);
      const pods = (await fetch(`${url}/api/v1/namespaces/default/pods`).then((r) => r.json())) as { items: { metadata: { name: string } }[] };
      const present = new Set(pods.items.map((p) => p.metadata.name));
      expect(acknowledged.filter((n) => !present.has(n))).toEqual([]);
      expect(writes.attempted()).toBeGreaterThan(acknowledged.length - 1);

      const lastSeen = watcher.events.at(-1)?.object.metadata.resourceVersion ?? startRv;
      const resumed = watchFrom(url, lastSeen);
      const missing = () => [...present].filter((n) => !watcher.events.concat(resumed.events).some((e) => e.object.metadata.name === n));
      await waitFor(() => missing().length === 0, 'the resumed watch to deliver every pod');
      resumed.stop();
    } finally {
      child.kill('SIGKILL');
    }
    await expectReplayEqualsProjection(database);
  }, 300_000); // two cold starts of the api-server from sources and a stream of writes
});

describe('kill -9 of PostgreSQL under a running api-server', () => {
  it('refuses writes with a 503 that says the database is unreachable, serves again once it is back, and loses nothing acknowledged', async () => {
    const postgres = await sharedPostgres();
    const port = await freePort();
    const database = await postgres.newDatabase();
    const url = `http://127.0.0.1:${port}`;
    const child = startProcess(port, database);
    try {
      await ready(url);
      const writes = writeContinuously(url);
      await waitFor(() => writes.acknowledged.length >= 200, 'some writes to be acknowledged');
      await postgres.kill();
      await waitFor(() => writes.refusals.length >= 8, 'writes to be refused while PostgreSQL is down');
      // Each refusal says why: the database is unreachable (503), or the write was decided on top of one that failed (the committer's 500, as on SQLite).
      const reasons = new Set(writes.refusals.map((r) => `${r.status} ${r.message.replace(/\(.*\)/, '(…)')}`));
      expect([...reasons].filter((r) => !/^503 the event log's database postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+ is unreachable/.test(r) && r !== '500 Internal error occurred: an earlier write failed; please retry')).toEqual([]);
      expect(writes.refusals.some((r) => r.status === 503)).toBe(true);
      // Reads are served from memory meanwhile.
      expect((await fetch(`${url}/api/v1/namespaces/default/pods?limit=1`)).status).toBe(200);
      const before = writes.acknowledged.length;
      await postgres.restart();
      await waitFor(() => writes.acknowledged.length >= before + 100, 'writes to be acknowledged again', 30_000);
      await writes.stop();
      const pods = (await fetch(`${url}/api/v1/namespaces/default/pods`).then((r) => r.json())) as { items: { metadata: { name: string } }[] };
      const present = new Set(pods.items.map((p) => p.metadata.name));
      expect(writes.acknowledged.filter((n) => !present.has(n))).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
    await expectReplayEqualsProjection(database);
  }, 300_000); // a cold start from sources, a PostgreSQL restart and writes on both sides of it
});
