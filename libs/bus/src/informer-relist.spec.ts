import type { KubeObject } from '@kubelab/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from './api-client.js';
import { Informer } from './informer.js';
import { subjects } from './subjects.js';

const pods = { group: '', version: 'v1', plural: 'pods', kind: 'Pod' };
const pod = (name: string, rv: number): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(rv) } });
const encoder = new TextEncoder();

/** A connection whose subjects the test publishes on, and an api-server whose lists fail while `failures` lasts. */
function fakeClient(state: { items: KubeObject[]; seq: number; failures: number; lists: number }) {
  const callbacks = new Map<string, (e: unknown, msg: { data: Uint8Array }) => void>();
  const client = {
    connection: { subscribe: (subject: string, { callback }: { callback: (e: unknown, msg: { data: Uint8Array }) => void }) => (callbacks.set(subject, callback), { unsubscribe: () => undefined }) },
    list: async () => {
      state.lists++;
      if (state.failures-- > 0) throw new Error('Empty response. There are no subscribers listening to that message ("kubelab.api.request.admin")');
      return { metadata: { resourceVersion: String(state.seq) }, items: [...state.items] };
    },
    replay: async () => ({ expired: true }),
  } as unknown as ApiClient;
  const publish = (subject: string, body: unknown) => callbacks.get(subject)!(null, { data: encoder.encode(JSON.stringify(body)) });
  return { client, publish };
}

const created = (object: KubeObject, seq: number) => ({ seq, type: 'PodCreated', kind: 'Pod', namespace: 'default', name: object.metadata.name, watchType: 'ADDED', object });

describe('Informer after a gap', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each([
    // failed relists → lists made before the cache is whole again (the first is the start's), and the real time it took
    { failures: 0, lists: 2, afterMs: 0 },
    { failures: 1, lists: 3, afterMs: 800 },
    { failures: 3, lists: 5, afterMs: 800 + 1600 + 3200 },
  ])('relists until the api-server answers: $failures failed relists, $lists lists, whole after $afterMs ms', async ({ failures, lists, afterMs }) => {
    const state = { items: [pod('a', 1)], seq: 1, failures: 0, lists: 0 };
    const { client, publish } = fakeClient(state);
    const informer = new Informer(client, pods, { namespace: 'default' });
    await informer.start();
    // seq 2 and 3 were missed (a NATS member was lost); 4 arrives, and the relist it starts fails `failures` times.
    state.items = [pod('a', 1), pod('b', 2), pod('c', 3), pod('d', 4)];
    state.seq = 4;
    state.failures = failures;
    publish(subjects.events, created(pod('d', 4), 4));
    await vi.advanceTimersByTimeAsync(afterMs);
    expect(informer.list().map((p) => p.metadata.name).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([state.lists, informer.resourceVersion, informer.relists, informer.listFailures]).toEqual([lists, 4, 1, failures]);
    // Events after it apply in order again, with no further relist.
    publish(subjects.events, created(pod('e', 5), 5));
    expect([informer.get('default', 'e')?.metadata.name, state.lists]).toEqual(['e', lists]);
    informer.stop();
  });

  it.each([
    // replays unanswered in time → replays asked before the cache is whole again, and the real time it took
    { timeouts: 1, asked: 2, afterMs: 200 },
    { timeouts: 3, asked: 4, afterMs: 200 + 400 + 800 },
  ])('asks a busy api-server for the missed events again, never for the whole list: $timeouts timeouts', async ({ timeouts, asked, afterMs }) => {
    const state = { items: [pod('a', 1)], seq: 1, failures: 0, lists: 0 };
    const { client, publish } = fakeClient(state);
    let replays = 0;
    (client as unknown as { replay: () => Promise<unknown> }).replay = async () => {
      if (replays++ < timeouts) throw Object.assign(new Error('TIMEOUT'), { code: 'TIMEOUT' });
      return { through: 3, complete: true, events: [created(pod('b', 2), 2), created(pod('c', 3), 3)] };
    };
    const informer = new Informer(client, pods, { namespace: 'default' });
    await informer.start();
    publish(subjects.events, created(pod('d', 4), 4));
    await vi.advanceTimersByTimeAsync(afterMs);
    expect(informer.list().map((p) => p.metadata.name).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([replays, state.lists, informer.replays, informer.replayFailures, informer.relists]).toEqual([asked, 1, 1, timeouts, 0]);
    informer.stop();
  });

  it('asks again, never for the whole list, while nothing answers replays (the api-server cut off from NATS: no responders)', async () => {
    const state = { items: [pod('a', 1)], seq: 1, failures: 0, lists: 0 };
    const { client, publish } = fakeClient(state);
    let replays = 0;
    (client as unknown as { replay: () => Promise<unknown> }).replay = async () => {
      if (replays++ < 2) throw Object.assign(new Error('503'), { code: '503' });
      return { through: 2, complete: true, events: [created(pod('b', 2), 2)] };
    };
    const informer = new Informer(client, pods, { namespace: 'default' });
    await informer.start();
    publish(subjects.events, created(pod('c', 3), 3));
    await vi.advanceTimersByTimeAsync(200 + 400);
    expect(informer.list().map((p) => p.metadata.name).sort()).toEqual(['a', 'b', 'c']);
    expect([replays, state.lists, informer.replays, informer.replayFailures, informer.relists]).toEqual([3, 1, 1, 2, 0]);
    informer.stop();
  });

  it('stops retrying once stopped', async () => {
    const state = { items: [], seq: 1, failures: 0, lists: 0 };
    const { client, publish } = fakeClient(state);
    const informer = new Informer(client, pods, { namespace: 'default' });
    await informer.start();
    state.failures = 100;
    publish(subjects.events, created(pod('x', 3), 3));
    await vi.advanceTimersByTimeAsync(0);
    informer.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.lists).toBe(2);
  });
});
