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
    expect(api.writes[1].body).toEqual({ patchType: 'strategic', count: 2, lastTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
  });

  it('merges the newest extra data of a repeat into the annotations it keeps', async () => {
    const api = slowApi();
    const recorder = new EventRecorder(api.client, { component: 'default-scheduler' }, pino({ level: 'silent' }));
    const failed = { type: 'Warning' as const, reason: 'FailedScheduling', message: '0/3 nodes are available' };
    await recorder.record(pod, { ...failed, annotations: { first: 'a', verdict: '1' } });
    await recorder.record(pod, { ...failed, annotations: { verdict: '2' } });
    await recorder.record(pod, failed);
    expect(api.writes.slice(1).map((w) => w.body)).toEqual([
      { patchType: 'strategic', count: 2, lastTimestamp: expect.any(String), metadata: { annotations: { first: 'a', verdict: '2' } } },
      { patchType: 'strategic', count: 3, lastTimestamp: expect.any(String) },
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
    const recorder = new EventRecorder(client, { component: 'replicaset-controller' }, pino({ level: 'silent' }));
    const created = (n: number) => ({ type: 'Normal' as const, reason: 'SuccessfulCreate', message: `Created pod: web-${n}` });
    for (let n = 0; n <= aggregatedEvents; n++) await recorder.record(pod, created(n));
    await recorder.record(pod, created(aggregatedEvents));
    await recorder.record(pod, created(0));
    expect(writes.slice(-2)).toEqual(['patch web 2', 'create Created pod: web-0 1']);
  });
});
