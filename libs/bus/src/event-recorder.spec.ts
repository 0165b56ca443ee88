import type { CoreEvent, KubeObject } from '@kubelab/api';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from './api-client.js';
import { aggregatedEvents, EventRecorder } from './event-recorder.js';

/** An API that answers each write after a moment, and remembers them in order. */
function slowApi() {
  const writes: { verb: 'create' | 'update'; reason: string | undefined; count: number | undefined; managedFields?: unknown }[] = [];
  let version = 0;
  const answer = (verb: 'create' | 'update') => async (_: unknown, __: string, body: CoreEvent) => {
    writes.push({ verb, reason: body.reason, count: body.count, ...(body.metadata.managedFields ? { managedFields: body.metadata.managedFields } : {}) });
    await new Promise((r) => setTimeout(r, 5));
    // As the api-server answers: the Event stored, with the managedFields of its writer.
    return { ...body, metadata: { ...body.metadata, resourceVersion: String(++version), managedFields: [{ manager: 'kubelet', operation: 'Update' }] } };
  };
  return { writes, client: { create: answer('create'), update: answer('update') } as unknown as ApiClient };
}

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'uid-web', resourceVersion: '7' } };
const killing = { type: 'Normal' as const, reason: 'Killing', message: 'Stopping container nginx' };

describe('EventRecorder', () => {
  it('counts repeats on the first Event, even those recorded while it is still being created, and never sends the stored managedFields back', async () => {
    const api = slowApi();
    const recorder = new EventRecorder(api.client, { component: 'kubelet', host: 'node-1' }, pino({ level: 'silent' }));
    await Promise.all([1, 2, 3].map(() => recorder.record(pod, killing, 'spec.containers{nginx}')));
    await recorder.record(pod, killing, 'spec.containers{nginx}');
    expect(api.writes).toEqual([
      { verb: 'create', reason: 'Killing', count: 1 },
      { verb: 'update', reason: 'Killing', count: 2 },
      { verb: 'update', reason: 'Killing', count: 3 },
      { verb: 'update', reason: 'Killing', count: 4 },
    ]);
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
    const echo = (verb: string) => async (_: unknown, __: string, body: CoreEvent) => (writes.push(`${verb} ${body.message} ${body.count}`), body);
    const recorder = new EventRecorder({ create: echo('create'), update: echo('update') } as unknown as ApiClient, { component: 'replicaset-controller' }, pino({ level: 'silent' }));
    const created = (n: number) => ({ type: 'Normal' as const, reason: 'SuccessfulCreate', message: `Created pod: web-${n}` });
    for (let n = 0; n <= aggregatedEvents; n++) await recorder.record(pod, created(n));
    await recorder.record(pod, created(aggregatedEvents));
    await recorder.record(pod, created(0));
    expect(writes.slice(-2)).toEqual([`update Created pod: web-${aggregatedEvents} 2`, 'create Created pod: web-0 1']);
  });
});
