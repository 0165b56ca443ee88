import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSummary, type BusEvent } from '@kubelab/bus';
import type { KubeObject, Pod } from '@kubelab/api';
import { startNats, waitFor, type TestNats } from '@kubelab/testing';
import { connect, type Msg, type NatsConnection } from 'nats';
import type { CommittedChange } from '../store/committed-change.js';
import { busEventOf, natsEventPublisher } from './event-publisher.js';

const change = (object: KubeObject): CommittedChange => ({
  seq: 7, time: '2026-11-27T00:00:00Z', type: 'PodStatusReported', watchType: 'MODIFIED', kind: 'Pod', namespace: 'default', name: 'web',
  uid: 'uid-web', actor: 'kubelet', cause: 6, object, json: JSON.stringify(object),
});

describe('busEventOf', () => {
  it('carries the object without its managedFields, every other field as stored', () => {
    const managedFields = [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } }, subresource: 'status' }];
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, managedFields, resourceVersion: '7' }, status: { phase: 'Running' } };
    const event = JSON.parse(busEventOf(change(pod), JSON.stringify(pod))) as BusEvent;
    expect(event).toMatchObject({ seq: 7, type: 'PodStatusReported', watchType: 'MODIFIED', kind: 'Pod', name: 'web', actor: 'kubelet', cause: 6 });
    expect(event.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, resourceVersion: '7' }, status: { phase: 'Running' } });
    expect(pod.metadata.managedFields).toBe(managedFields);
  });

  it('carries an object without managedFields as its stored text', () => {
    const entry = { reason: 'Forbidden', verb: 'create' } as unknown as KubeObject;
    expect(JSON.parse(busEventOf(change(entry), '{"reason":"Forbidden","verb":"create"}')).object).toEqual({ reason: 'Forbidden', verb: 'create' });
  });
});

describe('natsEventPublisher', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  const pod = (name: string, nodeName?: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [], ...(nodeName ? { nodeName } : {}) } });
  const committed = (seq: number, type: string, object: KubeObject, previous?: KubeObject): CommittedChange => ({
    seq, time: '', type, watchType: 'MODIFIED', kind: object.kind!, namespace: 'default', name: object.metadata.name!, uid: '', actor: 'test', cause: null,
    object, json: JSON.stringify(object), ...(previous ? { previous } : {}),
  });

  it('names, started again, each lane\'s last change among those it remembers, and for another lane the seq before the first', async () => {
    const heard: Msg[] = [];
    const sub = nc.subscribe('kubelab.lane.>', { callback: (_e, msg) => heard.push(msg) });
    await nc.flush();
    const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } };
    const publisher = natsEventPublisher(nc, () => 22, () => true, [committed(20, 'PodStatusReported', pod('a', 'node-1')), committed(21, 'ServiceCreated', service), committed(22, 'PodCreated', pod('b'))]);
    try {
      publisher.publish([committed(23, 'PodStatusReported', pod('a', 'node-1')), committed(24, 'PodBound', pod('b', 'node-3'), pod('b')), committed(25, 'ServiceUpdated', service)]);
      await nc.flush();
      expect(heard.map((m) => `${m.subject} ${eventSummary(m.headers)?.seq} after ${eventSummary(m.headers)?.lanePrevious}`)).toEqual([
        'kubelab.lane.pod.node.node-1 23 after 20', 'kubelab.lane.pod.node.node-3 24 after 19', 'kubelab.lane.agent 25 after 21',
      ]);
    } finally {
      publisher.stop();
      sub.unsubscribe();
    }
  });

  it('publishes every change on the whole stream, and what agents cache on its lanes, each naming the lane\'s change before it', async () => {
    const heard: Msg[] = [];
    const sub = nc.subscribe('kubelab.>', { callback: (_e, msg) => heard.push(msg) });
    await nc.flush();
    let leads = true;
    const publisher = natsEventPublisher(nc, () => 0, () => leads);
    const said = () => heard.filter((m) => m.subject !== 'kubelab.events.head').map((m) => {
      const s = eventSummary(m.headers)!;
      return `${m.subject} ${s.seq}${s.lanePrevious === undefined ? '' : ` after ${s.lanePrevious}`}${s.laneHead ? ' head' : ''}`;
    });
    try {
      publisher.publish([
        committed(5, 'PodCreated', pod('web')),
        committed(6, 'PodBound', pod('web', 'node-1'), pod('web')),
        committed(7, 'EventCreated', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' } }),
        committed(8, 'ServiceCreated', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }),
        committed(9, 'PodStatusReported', pod('web', 'node-1')),
      ]);
      // Another api-server publishes meanwhile; this one, leading again, names for each lane the seq before its first change.
      leads = false;
      publisher.publish([committed(10, 'PodStatusReported', pod('web', 'node-1'))]);
      leads = true;
      publisher.publish([committed(12, 'PodStatusReported', pod('web', 'node-1'))]);
      await waitFor(() => heard.some((m) => eventSummary(m.headers)?.laneHead), 'the lanes\' beacons', 5000);
      await nc.flush();
      expect(said()).toEqual([
        'kubelab.events 5',
        'kubelab.events 6', 'kubelab.lane.pod.node.node-1 6 after 4',
        'kubelab.events 7',
        'kubelab.events 8', 'kubelab.lane.agent 8 after 4',
        'kubelab.events 9', 'kubelab.lane.pod.node.node-1 9 after 6',
        'kubelab.events 12', 'kubelab.lane.pod.node.node-1 12 after 11',
        'kubelab.lane.pod.node.node-1 12 head',
      ]);
      const bound = heard.filter((m) => eventSummary(m.headers)?.seq === 6);
      expect(bound[1].data).toEqual(bound[0].data);
    } finally {
      publisher.stop();
      sub.unsubscribe();
    }
  });
});
