import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqlite, readObjects, replay } from '@kubelab/event-store';
import { freePort, tempSqliteFile, waitFor } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** On plain HTTP: this suite is about the event log surviving a crash, not TLS. */
function startProcess(port: number, database: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api-server/src/main.ts'), '--port', String(port), '--database', database, '--insecure-http'], {
    cwd: root, stdio: 'ignore', env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
  });
}

const ready = (url: string) => waitFor(() => fetch(`${url}/readyz`).then((r) => r.ok, () => false), 'the api-server to answer', 30_000);

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

describe('kill -9 of the api-server in the middle of a stream of writes', () => {
  it('keeps every acknowledged write, nothing half-written, and lets watchers resume without a miss', async () => {
    const port = await freePort();
    const database = tempSqliteFile();
    const url = `http://127.0.0.1:${port}`;
    let child = startProcess(port, database);
    await ready(url);
    const startRv = ((await fetch(`${url}/api/v1/namespaces/default/pods`).then((r) => r.json())) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const watcher = watchFrom(url, startRv);

    const acknowledged: string[] = [];
    let attempted = 0;
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        const name = `w${w}-${i}`;
        attempted++;
        const res = await fetch(`${url}/api/v1/namespaces/default/pods`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }),
        }).catch(() => undefined);
        if (!res) return;
        if (res.status === 201) acknowledged.push(name);
      }
    };
    const writers = Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    await waitFor(() => acknowledged.length >= 300, 'some writes to be acknowledged');
    child.kill('SIGKILL');
    await writers;
    watcher.stop();
    await watcher.done;

    child = startProcess(port, database);
    try {
      await ready(url);
      const pods = (await fetch(`${url}/api/v1/namespaces/default/pods`).then((r) => r.json())) as { items: { metadata: { name: string } }[] };
      const present = new Set(pods.items.map((p) => p.metadata.name));
      expect(acknowledged.filter((n) => !present.has(n))).toEqual([]);
      expect(attempted).toBeGreaterThan(acknowledged.length - 1);

      const lastSeen = watcher.events.at(-1)?.object.metadata.resourceVersion ?? startRv;
      const resumed = watchFrom(url, lastSeen);
      const missing = () => [...present].filter((n) => !watcher.events.concat(resumed.events).some((e) => e.object.metadata.name === n));
      await waitFor(() => missing().length === 0, 'the resumed watch to deliver every pod');
      resumed.stop();
    } finally {
      child.kill('SIGKILL');
    }
    const db = openSqlite(database);
    const { projection } = await replay(db);
    const stored = await readObjects(db);
    await db.destroy();
    expect(new Map(stored.map((o) => [`${o.kind}/${o.namespace}/${o.name}`, o.data]))).toEqual(new Map([...projection.values()].map((o) => [`${o.kind}/${o.namespace}/${o.name}`, o.data])));
  });
});
