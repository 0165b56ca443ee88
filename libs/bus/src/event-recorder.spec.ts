import type { CoreEvent, KubeObject } from '@kubelab/api';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ApiRequestError, type ApiClient } from './api-client.js';
import { aggregatedEvents, EventRecorder } from './event-recorder.js';
import type { ApiBusRequest } from './messages.js';

/** An API that answers each write after a moment, and remembers them in order; an Event named in `gone` is deleted. */
function slowApi(gone = new Set<string>()) {
  const writes: { verb: 'create' | 'patch'; name: string; reason?: string; count: number | undefined; body?: unknown }[] = [];
  const later = () => new Promise((r) => setTimeout(r, 5));
  const client = {
    send: async (request: ApiBusRequest) => {
      if (request.verb === 'create') {
        const body = request.body as CoreEvent;
        writes.push({ verb: 'create', name: body.metadata.name!, reason: body.reason, count: body.count });
        return later();
      }
      const name = request.name!;
      writes.push({ verb: 'patch', name, count: (request.body as { count: number }).count, body: { patchType: request.patchType, ...(request.body as object) } });
      await later();
      if (gone.has(name)) throw new ApiRequestError(404, { reason: 'NotFound', message: `events "${name}" not found` });
    },
  } as unknown as ApiClient;
  return { writes, client };
}

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'uid-web', resourceVersion: '7' } };
const killing = { type: 'Normal' as const, reason: 'Killing', message: 'Stopping container nginx' };

describe('EventRecorder', () => {
  it('counts repeats on the first Event by patching its count and lastTimestamp, even those recorded while it is still being created', async () => {
    const api = slowApi();
    const recorder = new EventRecorder(api.client, { component: 'kubelet', host: 'node-1' }, pino({ level: 'silent' }));
    await Promise.all([1, 2, 3].map(() => recorder.record(pod, killing, 'spec.containers{nginx}')));
    await recorder.record(pod, killing, 'spec.containers{nginx}');
    expect(api.writes.map((w) => `${w.verb} ${w.count}`)).toEqual(['create 1', 'patch 2', 'patch 3', 'patch 4']);
    expect(api.writes[1].body).toEqual({ patchType: 'strategic', count: 2, lastTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), message: 'Stopping container nginx' });
  });

  it('merges the newest extra data of a repeat into the annotations it keeps', async () => {
    const api = slowApi();
    const recorder = new EventRecorder(api.client, { component: 'default-scheduler' }, pino({ level: 'silent' }));
    const failed = { type: 'Warning' as const, reason: 'FailedScheduling', message: '0/3 nodes are available' };
    await recorder.record(pod, { ...failed, annotations: { first: 'a', verdict: '1' } });
    await recorder.record(pod, { ...failed, annotations: { verdict: '2' } });
    await recorder.record(pod, failed);
    expect(api.writes.slice(1).map((w) => w.body)).toEqual([
      { patchType: 'strategic', count: 2, lastTimestamp: expect.any(String), message: failed.message, metadata: { annotations: { first: 'a', verdict: '2' } } },
      { patchType: 'strategic', count: 3, lastTimestamp: expect.any(String), message: failed.message },
    ]);
  });

  it('creates the Event anew, counted from 1, when the one it counted on was deleted', async () => {
    const gone = new Set<string>();
    const api = slowApi(gone);
    const recorder = new EventRecorder(api.client, { component: 'kubelet', host: 'node-1' }, pino({ level: 'silent' }));
    await recorder.record(pod, killing);
    await recorder.record(pod, killing);
    gone.add(api.writes[0].name);
    await recorder.record(pod, killing);
    await recorder.record(pod, killing);
    expect(api.writes.map((w) => `${w.verb} ${w.count}`)).toEqual(['create 1', 'patch 2', 'patch 3', 'create 1', 'patch 2']);
    expect(api.writes[4].name).toBe(api.writes[3].name);
    expect(api.writes[3].name).not.toBe(api.writes[0].name);
  });

  it('keeps apart what differs in reason, message or container, and starts again for an object forgotten', async () => {
    const api = slowApi();
    const recorder = new EventRecorder(api.client, { component: 'kubelet', host: 'node-1' }, pino({ level: 'silent' }));
    await Promise.all([
      recorder.record(pod, killing, 'spec.containers{nginx}'),
      recorder.record(pod, killing, 'spec.containers{sidecar}'),
      recorder.record(pod, { ...killing, message: 'Container nginx failed liveness probe, will be restarted' }, 'spec.containers{nginx}'),
      recorder.record(pod, { ...killing, reason: 'Started' }, 'spec.containers{nginx}'),
    ]);
    recorder.forget('uid-web');
    await recorder.record(pod, killing, 'spec.containers{nginx}');
    expect(api.writes.map((w) => `${w.verb} ${w.reason} ${w.count}`)).toEqual(['create Killing 1', 'create Killing 1', 'create Killing 1', 'create Started 1', 'create Killing 1']);
  });

  it('counts a repeat only while its Event is among the last 4096 recorded, as client-go\'s correlator', async () => {
    const writes: string[] = [];
    const client = {
      send: async ({ verb, name, body }: ApiBusRequest) => {
        const { message, count } = body as CoreEvent;
        writes.push(verb === 'create' ? `create ${message} ${count}` : `patch ${name!.split('.')[0]} ${count}`);
      },
    } as unknown as ApiClient;
    const recorder = new EventRecorder(client, { component: 'default-scheduler' }, pino({ level: 'silent' }), { correlate: false });
    const created = (n: number) => ({ type: 'Normal' as const, reason: 'SuccessfulCreate', message: `Created pod: web-${n}` });
    for (let n = 0; n <= aggregatedEvents; n++) await recorder.record(pod, created(n));
    await recorder.record(pod, created(aggregatedEvents));
    await recorder.record(pod, created(0));
    expect(writes.slice(-2)).toEqual(['patch web 2', 'create Created pod: web-0 1']);
  });

  it('combines the 10th message of one reason about one object, and every later one, into one Event that shows the latest', async () => {
    const { writes, client } = recordingApi();
    let now = 0;
    const recorder = new EventRecorder(client, { component: 'replicaset-controller' }, pino({ level: 'silent' }), { now: () => now });
    const created = (n: number) => ({ type: 'Normal' as const, reason: 'SuccessfulCreate', message: `Created pod: web-${n}` });
    for (let n = 1; n <= 12; n++) await recorder.record(rs, created(n));
    await recorder.record(rs, { type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: web-1' });
    await recorder.record(rs, created(5));
    expect(writes).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `create Created pod: web-${n} 1`),
      'create (combined from similar events): Created pod: web-10 1',
      'patch combined 2 (combined from similar events): Created pod: web-11',
      'patch combined 3 (combined from similar events): Created pod: web-12',
      'create Deleted pod: web-1 1',
      'patch web-5 2 Created pod: web-5',
    ]);
    now += 600_001;
    await recorder.record(rs, created(13));
    expect(writes.at(-1)).toBe('create Created pod: web-13 1');
  });

  it('writes at most 25 Events and repeats about one object, then one per 5 minutes; a repeat dropped is still counted', async () => {
    const { writes, client } = recordingApi();
    let now = 0;
    const recorder = new EventRecorder(client, { component: 'kubelet', host: 'node-1' }, pino({ level: 'silent' }), { now: () => now });
    for (let n = 1; n <= 30; n++) await recorder.record(pod, killing);
    await recorder.record({ ...pod, metadata: { ...pod.metadata, uid: 'uid-other' } }, killing);
    expect(writes).toHaveLength(26);
    expect(writes.at(-2)).toBe('patch web 25 Stopping container nginx');
    expect(writes.at(-1)).toBe('create Stopping container nginx 1');
    now += 299_000;
    await recorder.record(pod, killing);
    expect(writes).toHaveLength(26);
    now += 1_000;
    await recorder.record(pod, killing);
    expect(writes.at(-1)).toBe('patch web 32 Stopping container nginx');
    recorder.forget('uid-web');
    await recorder.record(pod, killing);
    expect(writes.at(-1)).toBe('create Stopping container nginx 1');
  });

  it('tells objects without a uid apart by kind, namespace and name', async () => {
    const { writes, client } = recordingApi();
    const recorder = new EventRecorder(client, { component: 'kubelet', host: 'node-1' }, pino({ level: 'silent' }), { now: () => 0 });
    const withoutUid = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'kube-system' } });
    for (let n = 1; n <= 30; n++) await recorder.record(withoutUid('etcd-controlplane'), killing);
    await recorder.record(withoutUid('kube-apiserver-controlplane'), killing);
    expect(writes.at(-1)).toBe('create Stopping container nginx 1');
  });

  it('leaves the scheduler\'s Events uncombined and unthrottled, as kube-scheduler\'s events.k8s.io recorder', async () => {
    const { writes, client } = recordingApi();
    const recorder = new EventRecorder(client, { component: 'default-scheduler' }, pino({ level: 'silent' }), { correlate: false });
    for (let n = 1; n <= 30; n++) await recorder.record(pod, { type: 'Warning', reason: 'FailedScheduling', message: `0/${n} nodes are available` });
    expect(writes).toHaveLength(30);
    expect(writes.every((w) => w.startsWith('create 0/'))).toBe(true);
  });
});

/** An API that answers at once and remembers each write as `create MESSAGE COUNT` or `patch NAME COUNT MESSAGE` (NAME: the Event's, before its suffix; `combined` for a combined Event). */
function recordingApi() {
  const writes: string[] = [];
  const names = new Map<string, string>();
  const client = {
    send: async ({ verb, name, body }: ApiBusRequest) => {
      const { message, count, metadata } = body as CoreEvent;
      if (verb === 'create') {
        names.set(metadata.name!, message!.startsWith('(combined') ? 'combined' : message!.split(': ')[1] ?? metadata.name!.split('.')[0]);
        writes.push(`create ${message} ${count}`);
      } else writes.push(`patch ${names.get(name!)} ${count} ${message}`);
    },
  } as unknown as ApiClient;
  return { writes, client };
}

const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'uid-rs', resourceVersion: '3' } };
