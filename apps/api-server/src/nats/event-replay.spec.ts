import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '@kubelab/api';
import type { BusEvent, EventReplayReply, EventReplayRequest } from '@kubelab/bus';
import type { CommittedChange } from '../store/committed-change.js';
import { WatchHub } from '../store/watch-hub.js';
import { replayReply, type ReplaySources } from './event-replay.js';

const pod = (name: string, namespace: string, nodeName: string, phase = 'Pending'): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `uid-${name}` }, spec: { nodeName, containers: [] }, status: { phase },
});

/** These changes, numbered from 1, each pod's `previous` the one before it of the same name. */
function changesOf(objects: KubeObject[]): CommittedChange[] {
  const last = new Map<string, KubeObject>();
  return objects.map((object, i): CommittedChange => {
    const key = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
    const previous = last.get(key);
    last.set(key, object);
    return {
      seq: i + 1, time: '2026-11-26T00:00:00Z', type: `${object.kind}${previous ? 'Updated' : 'Created'}`, watchType: previous ? 'MODIFIED' : 'ADDED', kind: object.kind,
      namespace: object.metadata.namespace ?? '', name: object.metadata.name!, uid: object.metadata.uid ?? '', actor: 'test', cause: null, object, json: JSON.stringify(object),
      ...(previous ? { previous } : {}),
    };
  });
}

/** An api-server whose hub remembers the last `capacity` of these changes and whose log holds those after `horizon`. */
function sourcesOf(objects: KubeObject[], capacity = 100, horizon = 0): ReplaySources & { logReads: number } {
  const changes = changesOf(objects);
  const hub = new WatchHub(capacity);
  hub.publish(changes);
  const sources = {
    hub, logReads: 0, lastSeq: () => changes.length, oldestResumableSeq: () => horizon,
    logged: async (after: number, kind: string, through: number) => {
      sources.logReads++;
      return changes.filter((c) => c.seq > after && c.seq <= through && c.kind === kind);
    },
  };
  return sources;
}

const replay = async (sources: ReplaySources, request: EventReplayRequest, maxBytes = 1024 * 1024) => JSON.parse(await replayReply(sources, request, maxBytes)) as EventReplayReply;
const named = (reply: EventReplayReply) => (reply.expired ? 'expired' : reply.events.map((e: BusEvent) => `${e.seq} ${e.name}`));

describe('replaying the events an informer missed', () => {
  const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'a' } };
  const hub = sourcesOf([pod('web', 'a', 'n1'), configMap, pod('db', 'b', 'n2'), pod('web', 'a', 'n1', 'Running'), pod('job', 'a', 'n3', 'Running'), pod('job', 'a', 'n3', 'Succeeded')]);

  it.each([
    { asked: 'every pod', request: { after: 0, kind: 'Pod' }, events: ['1 web', '3 db', '4 web', '5 job', '6 job'] },
    { asked: 'after seq 3', request: { after: 3, kind: 'Pod' }, events: ['4 web', '5 job', '6 job'] },
    { asked: 'one namespace', request: { after: 0, kind: 'Pod', namespace: 'b' }, events: ['3 db'] },
    { asked: 'another kind', request: { after: 0, kind: 'ConfigMap' }, events: ['2 settings'] },
    { asked: 'the pods of two nodes', request: { after: 0, kind: 'Pod', fieldSelectors: ['spec.nodeName=n1', 'spec.nodeName=n2'] }, events: ['1 web', '3 db', '4 web'] },
    { asked: 'pods that are or were Running', request: { after: 0, kind: 'Pod', fieldSelectors: ['status.phase=Running'] }, events: ['4 web', '5 job', '6 job'] },
    { asked: 'nothing newer', request: { after: 6, kind: 'Pod' }, events: [] },
  ])('sends $asked whole, and counts the rest up to the newest', async ({ request, events }) => {
    const reply = await replay(hub, request);
    expect(named(reply)).toEqual(events);
    expect(reply).toMatchObject({ through: 6, complete: true });
  });

  it('sends each event as the stream carries it', async () => {
    const reply = await replay(hub, { after: 3, kind: 'Pod', namespace: 'a', fieldSelectors: ['spec.nodeName=n1'] });
    expect(reply.expired ? [] : reply.events).toEqual([{
      seq: 4, time: '2026-11-26T00:00:00Z', type: 'PodUpdated', watchType: 'MODIFIED', kind: 'Pod', namespace: 'a', name: 'web', uid: 'uid-web', actor: 'test', cause: null,
      object: pod('web', 'a', 'n1', 'Running'),
    }]);
  });

  it('stops a page once it holds more than its budget, and the next page goes on from there', async () => {
    const first = await replay(hub, { after: 0, kind: 'Pod' }, 10);
    expect([named(first), first]).toMatchObject([['1 web'], { through: 1, complete: false }]);
    const second = await replay(hub, { after: 1, kind: 'Pod' }, 10);
    expect([named(second), second]).toMatchObject([['3 db'], { through: 3, complete: false }]);
  });

  it('reads a span older than the hub remembers from the log, the kind asked only, to the newest', async () => {
    const sources = sourcesOf([pod('a', 'a', 'n1'), configMap, pod('b', 'a', 'n2'), pod('c', 'a', 'n1'), pod('d', 'a', 'n1')], 2);
    const reply = await replay(sources, { after: 1, kind: 'Pod', fieldSelectors: ['spec.nodeName=n1'] });
    expect([named(reply), reply, sources.logReads]).toMatchObject([['4 c', '5 d'], { through: 5, complete: true }, 1]);
    expect(named(await replay(sources, { after: 3, kind: 'Pod' }))).toEqual(['4 c', '5 d']);
    expect(sources.logReads).toBe(1);
  });

  it('reads the log a span of 5,000 seqs at a time, whatever their kinds: a page reaches the end of its span, not the newest', async () => {
    const many = Array.from({ length: 6000 }, (_, i): KubeObject => ({ apiVersion: 'v1', kind: i % 2 ? 'ConfigMap' : 'Secret', metadata: { name: `o${i}`, namespace: 'a' } }));
    const sources = sourcesOf(many, 10);
    const first = await replay(sources, { after: 0, kind: 'ConfigMap', fieldSelectors: ['metadata.name=o4999'] });
    expect([named(first), first]).toMatchObject([['5000 o4999'], { through: 5000, complete: false }]);
    const second = await replay(sources, { after: 5000, kind: 'ConfigMap', fieldSelectors: ['metadata.name=o5999'] });
    expect([named(second), second]).toMatchObject([['6000 o5999'], { through: 6000, complete: true }]);
  });

  it('answers expired for a span compacted out of the log, as a watch from a compacted resourceVersion is answered 410', async () => {
    const sources = sourcesOf([pod('a', 'a', 'n1'), pod('b', 'a', 'n1'), pod('c', 'a', 'n1'), pod('d', 'a', 'n1')], 2, 2);
    expect(named(await replay(sources, { after: 1, kind: 'Pod' }))).toBe('expired');
    expect(named(await replay(sources, { after: 2, kind: 'Pod' }))).toEqual(['3 c', '4 d']);
  });

  it('refuses a field selector that does not parse', async () => {
    await expect(replayReply(hub, { after: 0, kind: 'Pod', fieldSelectors: ['spec.nodeName'] }, 1024)).rejects.toThrow(/invalid selector/);
  });
});
