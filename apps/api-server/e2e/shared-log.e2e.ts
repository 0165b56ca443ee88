import { ApiClient, Informer } from '@kubelab/bus';
import { readEvents, openEventLog } from '@kubelab/event-store';
import { newEventLogDatabase, startNats, waitFor, type TestNats } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const configMaps = { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap' };
const configMap = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { name } });
type Server = Awaited<ReturnType<typeof startTestApiServer>>;

/** One watch event as the HTTP watch sends it. */
interface WatchLine {
  type: string;
  object: { metadata: { name: string; resourceVersion: string } };
}

/** Watches configmaps on `server` from now; the lines arrive in `lines`. */
async function watchConfigMaps(server: Server, lines: WatchLine[]): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/api/v1/namespaces/default/configmaps?watch=true`, { signal: abort.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as WatchLine);
    }
  })();
  return abort;
}

const post = (server: Server, name: string) =>
  fetch(`${server.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: configMap(name) });

describe('two api-servers on one PostgreSQL log', () => {
  let nats: TestNats;
  let database: string;
  let a: Server;
  let b: Server;

  beforeAll(async () => {
    nats = await startNats();
    database = await newEventLogDatabase('postgres');
    a = await startTestApiServer(['--nats-url', nats.url], database);
    b = await startTestApiServer(['--nats-url', nats.url], database);
  });
  afterAll(async () => {
    await a?.close().catch(() => undefined);
    await b?.close();
    await nats?.stop();
  });

  it('shows a write made through one to a read and a watch through the other, with the same resourceVersion', async () => {
    const lines: WatchLine[] = [];
    const watch = await watchConfigMaps(b, lines);
    try {
      const created = await post(a, 'through-a');
      expect(created.status).toBe(201);
      const version = ((await created.json()) as WatchLine['object']).metadata.resourceVersion;
      // A read right after the acknowledgement sees it: b catches up with the log before it answers.
      const read = await fetch(`${b.url}/api/v1/namespaces/default/configmaps/through-a`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as WatchLine['object']).metadata.resourceVersion).toBe(version);
      await waitFor(() => lines.some((l) => l.object.metadata.name === 'through-a'), 'b\'s watch to send through-a', 5000);
      expect(lines.find((l) => l.object.metadata.name === 'through-a')).toMatchObject({ type: 'ADDED', object: { metadata: { resourceVersion: version } } });
    } finally {
      watch.abort();
    }
  });

  it('keeps seq global, gap-free and in commit order under writes through both at once, and both serve the same objects', async () => {
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => post(i % 2 === 0 ? a : b, `both-${i}`)));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    // The same name through both at once: exactly one is created, the other is AlreadyExists.
    const race = await Promise.all([post(a, 'contested'), post(b, 'contested')]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const log = openEventLog(database);
    try {
      const seqs = (await readEvents(log.db)).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    } finally {
      await log.db.destroy();
    }
    const names = async (s: Server) => ((await fetch(`${s.url}/api/v1/namespaces/default/configmaps`).then((r) => r.json())) as { items: WatchLine['object'][] }).items
      .map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`);
    expect(await names(b)).toEqual(await names(a));
  });

  it('serves NATS clients through whichever is up, and the event stream goes on from the other when the publishing one stops', async () => {
    const client = await ApiClient.connect(nats.url, 'test-suite', { kind: 'admin' });
    const informer = new Informer(client, configMaps, { namespace: 'default' });
    const seen = new Set<string>();
    informer.onChange((_type, object) => seen.add(object.metadata.name!));
    try {
      await informer.start();
      await client.create(configMaps, 'default', JSON.parse(configMap('before-stop')));
      await waitFor(() => seen.has('before-stop'), 'the informer to see before-stop', 5000);
      await a.close();
      // Every request now reaches b (one queue group); b takes the publishing lock within a second or two.
      for (let i = 0; i < 5; i++) await client.create(configMaps, 'default', JSON.parse(configMap(`after-stop-${i}`)));
      await waitFor(() => [0, 1, 2, 3, 4].every((i) => seen.has(`after-stop-${i}`)), 'the informer to see every write made after a stopped', 15_000);
      expect(informer.get('default', 'after-stop-4')?.metadata.resourceVersion).toBe((await client.get(configMaps, 'default', 'after-stop-4')).metadata.resourceVersion);
    } finally {
      informer.stop();
      await client.close();
    }
  });
});
