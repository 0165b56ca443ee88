import type { StatusBody } from '@kubelab/api';
import { ApiClient, ApiRequestError, Informer, type EventReplayReply } from '@kubelab/bus';
import { startNats, waitFor, type TestNats } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const pods = { group: '', version: 'v1', plural: 'pods', kind: 'Pod' };
const podBody = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('the api-server over NATS', () => {
  let nats: TestNats;
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let client: ApiClient;

  beforeAll(async () => {
    nats = await startNats();
    server = await startTestApiServer(['--nats-url', nats.url]);
    client = await ApiClient.connect(nats.url, 'test-suite', { kind: 'admin' });
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
    await nats?.stop();
  });

  it('serves commands by request/reply and records the actor in the event log', async () => {
    const created = await client.create(pods, 'default', podBody('via-nats'));
    expect(created.metadata.uid).toBeTruthy();
    const refused = await client.request({ verb: 'create', ...pods, namespace: 'default', body: podBody('via-nats') });
    expect(refused.code).toBe(409);
    expect((refused.body as StatusBody).reason).toBe('AlreadyExists');
    const log = await fetch(`${server.url}/kubelab/v1/events?kind=Pod&name=via-nats`).then((r) => r.text());
    const events = log.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => [e.type, e.actor])).toEqual([['PodCreated', 'test-suite']]);
  });

  it('answers a write sent without reading its result by its code alone, and still refuses it with its Status', async () => {
    await client.send({ verb: 'create', ...pods, namespace: 'default', body: podBody('sent') });
    const answered = await client.request({ verb: 'patchStatus', ...pods, namespace: 'default', name: 'sent', body: { status: { phase: 'Pending' } }, patchType: 'merge', replyObject: false });
    expect(answered).toEqual({ code: 200, body: null });
    expect((await client.get(pods, 'default', 'sent')).status).toMatchObject({ phase: 'Pending' });
    const refusal = await client.send({ verb: 'create', ...pods, namespace: 'default', body: podBody('sent') }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiRequestError);
    expect(refusal).toMatchObject({ code: 409, status: { reason: 'AlreadyExists' } });
  });

  it('lists in pages, so a list bigger than one NATS message arrives whole and the api-server stays up', async () => {
    const padding = 'x'.repeat(2000);
    const many = Array.from({ length: 600 }, (_, i) => ({ ...podBody(`paged-${i}`), metadata: { name: `paged-${i}`, namespace: 'paged', annotations: { padding } } }));
    await fetch(`${server.url}/api/v1/namespaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'paged' } }) });
    for (let i = 0; i < many.length; i += 50) {
      await Promise.all(many.slice(i, i + 50).map((p) => client.create(pods, 'paged', p)));
    }
    const listed = await client.list(pods, 'paged');
    expect(listed.items.map((p) => p.metadata.name).sort()).toEqual(many.map((p) => p.metadata.name).sort());
    const whole = await client.request({ verb: 'list', ...pods, namespace: 'paged' });
    expect(whole.code).toBe(500);
    expect((whole.body as StatusBody).message).toMatch(/larger than one NATS reply may be; ask for pages with limit/);
    expect((await fetch(`${server.url}/readyz`)).ok).toBe(true);
  });

  it('replays what an informer missed after a resourceVersion: the kind and namespace asked, whole, in pages that fit a NATS reply', async () => {
    await client.create({ group: '', version: 'v1', plural: 'namespaces' }, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'replayed' } });
    const before = Number((await client.list(pods, 'replayed')).metadata.resourceVersion);
    const padding = 'x'.repeat(4000);
    const created = Array.from({ length: 400 }, (_, i) => ({ ...podBody(`missed-${i}`), metadata: { name: `missed-${i}`, namespace: 'replayed', annotations: { padding } } }));
    for (let i = 0; i < created.length; i += 50) await Promise.all(created.slice(i, i + 50).map((p) => client.create(pods, 'replayed', p)));
    await client.create(pods, 'default', podBody('not-asked'));
    const replies: EventReplayReply[] = [];
    for (let after = before, complete = false; !complete; ) {
      const reply = await client.replay({ after, kind: 'Pod', namespace: 'replayed' });
      if (reply.expired) throw new Error(`the api-server no longer remembers seq ${after}`);
      replies.push(reply);
      ({ through: after, complete } = reply);
    }
    // 400 pods of 4 KB do not fit one reply of at most 1 MiB.
    expect(replies.length).toBeGreaterThan(1);
    const events = replies.flatMap((r) => (r.expired ? [] : r.events));
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual(created.map((p) => ['PodCreated', p.metadata.name]));
    expect(events.every((e) => e.object.metadata.annotations?.padding === padding && Number(e.object.metadata.resourceVersion) === e.seq)).toBe(true);
  });

  it('keeps an informer in step, and it catches up after NATS itself was restarted', async () => {
    const informer = new Informer(client, pods, { namespace: 'default' });
    await informer.start();
    await fetch(`${server.url}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(podBody('via-http')) });
    await waitFor(() => informer.get('default', 'via-http'), 'the informer to see a pod created over HTTP');
    if (!nats.restart) return;
    await nats.restart();
    for (let i = 0; i < 5; i++) {
      await fetch(`${server.url}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(podBody(`during-${i}`)) });
    }
    const names = async () => ((await fetch(`${server.url}/api/v1/namespaces/default/pods`).then((r) => r.json())) as { items: { metadata: { name: string } }[] }).items.map((p) => p.metadata.name).sort();
    const expected = await names();
    await waitFor(() => JSON.stringify(informer.list().map((p) => p.metadata.name).sort()) === JSON.stringify(expected), 'the informer to converge after the NATS restart', 20_000);
    // What it missed while NATS was down is in the api-server's memory: replayed, never listed again.
    expect(informer.relists).toBe(0);
    informer.stop();
  });
});
