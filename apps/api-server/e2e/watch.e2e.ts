import { waitFor } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

type WatchEvent = { type: string; object: any };

/** Collects a watch stream's events until the server ends it or the test stops it. */
function watch(url: string) {
  const events: WatchEvent[] = [];
  const controller = new AbortController();
  const ended = fetch(url, { signal: controller.signal }).then(async (res) => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        events.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
    }
    return true;
  }).catch(() => false);
  return { events, ended, stop: () => controller.abort() };
}

const pod = (name: string, labels: Record<string, string> = {}) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('watch semantics', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  const create = (body: string) => fetch(`${server.url}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.json()) as Promise<any>;
  const label = (name: string, labels: Record<string, string | null>) => fetch(`${server.url}/api/v1/namespaces/default/pods/${name}`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ metadata: { labels } }) });

  beforeAll(async () => {
    server = await startTestApiServer(['--keep-events', '5', '--compaction-interval-seconds', '1']);
  });
  afterAll(() => server?.close());

  it('sends a synthetic ADDED per object without a resourceVersion, then live changes', async () => {
    await create(pod('a'));
    const w = watch(`${server.url}/api/v1/namespaces/default/pods?watch=true`);
    await waitFor(() => w.events.length === 1, 'the synthetic ADDED');
    await create(pod('b'));
    await waitFor(() => w.events.length === 2, 'the live ADDED');
    expect(w.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'ADDED b']);
    w.stop();
  });

  it('turns label changes into ADDED and DELETED for a selector watch', async () => {
    const w = watch(`${server.url}/api/v1/namespaces/default/pods?watch=true&labelSelector=tier%3Dweb&resourceVersion=1`);
    await label('a', { tier: 'web' });
    await label('a', { tier: 'db' });
    await waitFor(() => w.events.length === 2, 'two events');
    expect(w.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'DELETED a']);
    w.stop();
  });

  it('ends the stream at timeoutSeconds', async () => {
    const w = watch(`${server.url}/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1&resourceVersion=0`);
    expect(await w.ended).toBe(true);
  });

  it('answers a resourceVersion from before the compaction horizon with 410 Expired', async () => {
    const first = await create(pod('old'));
    for (let i = 0; i < 10; i++) await create(pod(`c${i}`));
    await waitFor(async () => {
      const w = watch(`${server.url}/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1&resourceVersion=${first.metadata.resourceVersion}`);
      await w.ended;
      return w.events[0]?.type === 'ERROR' && w.events[0].object.code === 410 && w.events[0].object.reason === 'Expired';
    }, 'the horizon to pass the old resourceVersion', 10_000, 200);
  });
});

describe('--record-watch-deliveries', () => {
  it('serves what each watch was sent at /kubelab/v1/watch-deliveries; without the flag there is no such path', async () => {
    const recording = await startTestApiServer(['--record-watch-deliveries']);
    const plain = await startTestApiServer();
    try {
      const post = (name: string) => fetch(`${recording.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ metadata: { name } }) });
      expect((await post('first')).status).toBe(201);
      const watch = await fetch(`${recording.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1&timeoutSeconds=2`);
      const reader = watch.body!.getReader();
      expect((await post('second')).status).toBe(201);
      let text = '';
      while (!text.includes('"second"')) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      const summary = (await (await fetch(`${recording.url}/kubelab/v1/watch-deliveries`)).json()) as { watches: number; delivered: number; outOfOrder: unknown[] };
      expect(summary).toMatchObject({ watches: 1, outOfOrder: [] });
      expect(summary.delivered).toBeGreaterThanOrEqual(2);
      expect((await fetch(`${plain.url}/kubelab/v1/watch-deliveries`)).status).toBe(404);
    } finally {
      await recording.close();
      await plain.close();
    }
  });
});
