import type { Pod } from '@kubelab/api';
import { startNats, waitFor, type TestNats } from '@kubelab/testing';
import { connect, type NatsConnection } from 'nats';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from './api-client.js';
import { eventHeaders, eventSummary, laneHeadHeaders } from './event-headers.js';
import { LaneTally, lanesOf, laneSubject, podLane } from './event-lanes.js';
import { Informer, stripManagedFields, type InformerPart } from './informer.js';
import type { BusEvent, EventReplayReply, EventReplayRequest } from './messages.js';
import { subjects } from './subjects.js';

const podsRef = { group: '', version: 'v1', plural: 'pods', kind: 'Pod' };
const encoder = new TextEncoder();

const pod = (name: string, nodeName?: string, labels: Record<string, string> = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, labels }, spec: { ...(nodeName ? { nodeName } : {}), containers: [] },
});
const boundTo = (node: string): InformerPart => ({ fieldSelector: `spec.nodeName=${node}`, holds: (e) => e.nodeNames.includes(node) });
const onLane = (node: string): InformerPart => ({ ...boundTo(node), lane: podLane(node) });

/**
 * The api-server as an informer meets it: a log of committed changes published on NATS with
 * their headers, and lists (field-selected by spec.nodeName) as of the newest seq.
 */
class FakeLog {
  seq = 0;
  readonly objects = new Map<string, Pod>();
  readonly listed: (string | undefined)[] = [];
  /** Runs after a list is answered: a test commits there what happens between two parts' lists. */
  afterList?: (fieldSelector: string | undefined) => void;
  /** Lists still to time out, as a busy api-server's do. */
  failingLists = 0;
  /** The oldest seq the api-server still remembers for a replay (by default none: an informer must list). */
  remembersFrom = Infinity;
  /** Events a replay's reply looks at, at most. */
  replayPage = 100;
  /** How long a replay takes to be answered, as a busy api-server's may. */
  replayMs = 0;
  readonly replays: EventReplayRequest[] = [];
  private readonly events: BusEvent[] = [];
  /** What the api-server knows of each lane (event-lanes.ts): each event goes on its lanes too. */
  lanes = new LaneTally();

  constructor(private readonly nc: NatsConnection) {}

  /** The api-server's client as an informer on `connection` (the log's own by default) has it. */
  client(connection = this.nc): ApiClient {
    return {
      connection,
      list: async (_ref: unknown, _namespace: unknown, selectors: { fieldSelector?: string } = {}) => {
        const node = /^spec\.nodeName=(.*)$/.exec(selectors.fieldSelector ?? '')?.[1];
        this.listed.push(selectors.fieldSelector);
        if (this.failingLists > 0 && this.failingLists--) throw new Error('Timeout has occurred');
        const items = [...this.objects.values()].filter((o) => node === undefined || o.spec?.nodeName === node).map((o) => structuredClone(o));
        const answer = { metadata: { resourceVersion: String(this.seq) }, items };
        this.afterList?.(selectors.fieldSelector);
        return answer;
      },
      replay: async (request: EventReplayRequest): Promise<EventReplayReply> => {
        this.replays.push(request);
        await new Promise((resolve) => setTimeout(resolve, this.replayMs));
        if (request.after + 1 < this.remembersFrom) return { expired: true };
        const page = this.events.filter((e) => e.seq > request.after).slice(0, this.replayPage);
        const nodes = (request.fieldSelectors ?? []).map((s) => /^spec\.nodeName=(.*)$/.exec(s)![1]);
        const asked = (e: BusEvent) => e.kind === request.kind && (nodes.length === 0 || nodes.includes((e.object as Pod).spec?.nodeName ?? ''));
        const through = page.at(-1)?.seq ?? request.after;
        return { through, complete: through === this.seq, events: page.filter(asked) };
      },
    } as unknown as ApiClient;
  }

  /** Commits a change and publishes it, with headers unless told `headers: false`; `body` replaces its JSON (to prove it is never read). */
  commit(type: string, object: Pod, options: { lose?: boolean; headers?: boolean; body?: string } = {}): void {
    const seq = ++this.seq;
    const key = object.metadata.name!;
    const previous = this.objects.get(key);
    const watchType = type.endsWith('Deleted') ? 'DELETED' : type.endsWith('Created') ? 'ADDED' : 'MODIFIED';
    const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(seq) } };
    if (watchType === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, stored);
    const event: BusEvent = { seq, time: '', type, watchType, kind: object.kind, namespace: object.metadata.namespace ?? '', name: key, uid: object.metadata.uid!, actor: 'test', cause: null, object: stored };
    this.events.push(event);
    const summary = { seq, type, kind: event.kind, namespace: event.namespace, name: key, nodeName: stored.spec?.nodeName, previousNodeName: previous?.spec?.nodeName };
    const body = encoder.encode(options.body ?? JSON.stringify(event));
    const lanes = lanesOf(eventSummary(eventHeaders(summary))!);
    this.lanes.count(seq, lanes).forEach((lanePrevious, i) => {
      if (!options.lose) this.nc.publish(laneSubject(lanes[i]), body, { headers: eventHeaders({ ...summary, lanePrevious }) });
    });
    if (options.lose) return;
    this.nc.publish(subjects.events, body, options.headers === false ? {} : { headers: eventHeaders(summary) });
  }

  /** The api-server started again, remembering no change: it counts its lanes from the next. */
  restarted(): void {
    this.lanes = new LaneTally();
  }

  /** Each lane's beacon, as the api-server sends them every second. */
  beacons(): void {
    for (const [lane, seq] of this.lanes.beacons()) this.nc.publish(laneSubject(lane), undefined, { headers: laneHeadHeaders(seq) });
  }
}

describe('an informer of the pods bound to an agent\'s nodes', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  const informers: Informer<Pod>[] = [];

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
  });
  afterEach(() => {
    informers.splice(0).forEach((i) => i.stop());
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  async function started(log: FakeLog, parts: InformerPart[], transform?: (o: Pod) => Pod) {
    const informer = new Informer<Pod>(log.client(), podsRef, { parts, transform });
    const seen: string[] = [];
    informer.onChange((type, o) => seen.push(`${type} ${o.metadata.name}`));
    informers.push(informer);
    await informer.start();
    return { informer, seen };
  }

  const names = (informer: Informer<Pod>) => informer.list().map((o) => o.metadata.name).sort();
  const caughtUp = (informer: Informer<Pod>, log: FakeLog) => waitFor(() => informer.resourceVersion === log.seq, `the informer at seq ${log.seq}`);

  it('lists each of its nodes with a field selector and keeps only their pods', async () => {
    const log = new FakeLog(nc);
    log.commit('PodCreated', pod('a', 'n1'));
    log.commit('PodCreated', pod('b', 'n2'));
    log.commit('PodCreated', pod('c', 'n3'));
    const { informer } = await started(log, [boundTo('n1'), boundTo('n2')]);
    expect(log.listed).toEqual(['spec.nodeName=n1', 'spec.nodeName=n2']);
    expect(names(informer)).toEqual(['a', 'b']);
  });

  it('counts other nodes\' pods and other kinds on their headers alone, never parsing their bodies', async () => {
    const log = new FakeLog(nc);
    const { informer, seen } = await started(log, [boundTo('n1')]);
    const parse = vi.spyOn(JSON, 'parse');
    log.commit('PodCreated', pod('elsewhere', 'n9'), { body: 'not JSON' });
    log.commit('ConfigMapCreated', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' } }, { body: 'not JSON' });
    log.commit('PodCreated', pod('pending'), { body: 'not JSON' });
    await caughtUp(informer, log);
    expect(parse).not.toHaveBeenCalled();
    log.commit('PodCreated', pod('mine', 'n1'));
    await caughtUp(informer, log);
    expect(seen).toEqual(['ADDED mine']);
    expect(informer.relists).toBe(0);
  });

  it.each([
    {
      title: 'a pod bound later onto its node arrives as ADDED',
      steps: (log: FakeLog) => [log.commit('PodCreated', pod('web')), log.commit('PodBound', pod('web', 'n1'))],
      expected: { seen: ['ADDED web'], cached: ['web'] },
    },
    {
      title: 'a pod bound to another node never arrives',
      steps: (log: FakeLog) => [log.commit('PodCreated', pod('web')), log.commit('PodBound', pod('web', 'n2'))],
      expected: { seen: [], cached: [] },
    },
    {
      title: 'a pod of its node deleted leaves the cache',
      steps: (log: FakeLog) => [log.commit('PodCreated', pod('web', 'n1')), log.commit('PodDeletionRequested', pod('web', 'n1')), log.commit('PodDeleted', pod('web', 'n1'))],
      expected: { seen: ['ADDED web', 'MODIFIED web', 'DELETED web'], cached: [] },
    },
    {
      title: 'an event without headers is still read, from its body',
      steps: (log: FakeLog) => [log.commit('PodCreated', pod('old', 'n1'), { headers: false }), log.commit('PodCreated', pod('other', 'n2'), { headers: false })],
      expected: { seen: ['ADDED old'], cached: ['old'] },
    },
  ])('$title', async ({ steps, expected }) => {
    const log = new FakeLog(nc);
    const { informer, seen } = await started(log, [boundTo('n1')]);
    steps(log);
    await caughtUp(informer, log);
    expect(seen).toEqual(expected.seen);
    expect(names(informer)).toEqual(expected.cached);
  });

  it('catches up with the events it missed from the api-server\'s memory, asking only for its parts\' pods, without listing', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    const { informer, seen } = await started(log, [boundTo('n1'), boundTo('n2')]);
    log.commit('PodCreated', pod('web'));
    log.commit('PodBound', pod('web', 'n1'), { lose: true });
    log.commit('PodCreated', pod('elsewhere', 'n3'), { lose: true });
    log.commit('PodCreated', pod('next', 'n2'));
    await waitFor(() => informer.replays === 1 && informer.resourceVersion === log.seq, 'a replay after the gap');
    expect(log.replays).toEqual([{ after: 1, kind: 'Pod', fieldSelectors: ['spec.nodeName=n1', 'spec.nodeName=n2'] }]);
    expect([log.listed, informer.relists]).toEqual([['spec.nodeName=n1', 'spec.nodeName=n2'], 0]);
    expect(seen).toEqual(['ADDED web', 'ADDED next']);
    expect(names(informer)).toEqual(['next', 'web']);
  });

  it('replays page after page until a page reaches the newest event, then follows the stream again in order', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    log.replayPage = 2;
    const { informer, seen } = await started(log, [boundTo('n1')]);
    for (const name of ['a', 'b', 'c', 'd', 'e']) log.commit('PodCreated', pod(name, 'n1'), { lose: true });
    log.commit('PodDeleted', pod('a', 'n1'));
    await waitFor(() => informer.resourceVersion === log.seq, 'a replay of six events');
    log.commit('PodCreated', pod('f', 'n1'));
    await caughtUp(informer, log);
    expect(log.replays.map((r) => r.after)).toEqual([0, 2, 4]);
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'ADDED c', 'ADDED d', 'ADDED e', 'DELETED a', 'ADDED f']);
    expect([names(informer), informer.replays, informer.relists]).toEqual([['b', 'c', 'd', 'e', 'f'], 1, 0]);
  });

  it('catches up after a lost tail that only the head beacon shows', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    const { informer } = await started(log, [boundTo('n1')]);
    log.commit('PodCreated', pod('last', 'n1'), { lose: true });
    nc.publish(subjects.head, encoder.encode(JSON.stringify({ seq: log.seq })));
    await waitFor(() => informer.get('default', 'last') !== undefined, 'the lost tail replayed');
    expect([informer.replays, informer.relists]).toEqual([1, 0]);
  });

  it('relists with its field selectors after a lost event the api-server no longer remembers, and the pod bound meanwhile is there', async () => {
    const log = new FakeLog(nc);
    const { informer, seen } = await started(log, [boundTo('n1')]);
    log.commit('PodCreated', pod('web'));
    log.commit('PodBound', pod('web', 'n1'), { lose: true });
    log.commit('PodCreated', pod('next', 'n2'));
    await waitFor(() => informer.relists === 1 && informer.resourceVersion === log.seq, 'a relist after the gap');
    expect(log.listed).toEqual(['spec.nodeName=n1', 'spec.nodeName=n1']);
    expect(seen).toEqual(['ADDED web']);
    expect(names(informer)).toEqual(['web']);
  });

  it('applies what was committed between two parts\' lists to the part listed before it, once', async () => {
    const log = new FakeLog(nc);
    log.commit('PodCreated', pod('a', 'n1'));
    log.afterList = (selector) => {
      if (selector !== 'spec.nodeName=n1') return;
      log.afterList = undefined;
      log.commit('PodStatusReported', pod('a', 'n1', { updated: 'yes' }));
      log.commit('PodCreated', pod('b', 'n2'));
    };
    const { informer, seen } = await started(log, [boundTo('n1'), boundTo('n2')]);
    await caughtUp(informer, log);
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a']);
    expect(informer.get('default', 'a')?.metadata.labels).toEqual({ updated: 'yes' });
    expect(names(informer)).toEqual(['a', 'b']);
  });

  it('lists its parts again when an event committed between two of their lists never arrives', async () => {
    const log = new FakeLog(nc);
    log.afterList = (selector) => {
      if (selector !== 'spec.nodeName=n1') return;
      log.afterList = undefined;
      log.commit('PodCreated', pod('lost', 'n1'), { lose: true });
    };
    const { seen } = await started(log, [boundTo('n1'), boundTo('n2')]);
    expect(log.listed).toEqual(['spec.nodeName=n1', 'spec.nodeName=n2', 'spec.nodeName=n1', 'spec.nodeName=n2']);
    expect(seen).toEqual(['ADDED lost']);
  });

  it('lists again when a list times out, as a reflector retries, and starts once one answers', async () => {
    const log = new FakeLog(nc);
    log.commit('PodCreated', pod('a', 'n1'));
    log.failingLists = 1;
    const { informer } = await started(log, [boundTo('n1')]);
    expect(informer.listFailures).toBe(1);
    expect(names(informer)).toEqual(['a']);
  });

  it('keeps what its transform keeps, from lists and events alike', async () => {
    const log = new FakeLog(nc);
    log.commit('PodCreated', pod('a', 'n1', { app: 'x' }));
    const slim = (o: Pod): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: o.metadata.name, namespace: o.metadata.namespace, labels: o.metadata.labels } });
    const { informer } = await started(log, [boundTo('n1')], slim);
    log.commit('PodCreated', pod('b', 'n1', { app: 'y' }));
    await caughtUp(informer, log);
    expect(informer.list()).toEqual([slim(pod('a', 'n1', { app: 'x' })), slim(pod('b', 'n1', { app: 'y' }))]);
  });

  it('caches objects without their managedFields when told to, as kube-controller-manager\'s informers do', async () => {
    const log = new FakeLog(nc);
    const managed = (name: string) => {
      const { labels, ...metadata } = pod(name, 'n1').metadata;
      return { ...pod(name, 'n1'), metadata: { ...metadata, managedFields: [{ manager: 'kubectl', operation: 'Update' }], labels } };
    };
    log.commit('PodCreated', managed('a'));
    const informer = new Informer<Pod>(log.client(), podsRef, { transform: stripManagedFields });
    informers.push(informer);
    await informer.start();
    log.commit('PodCreated', managed('b'));
    await caughtUp(informer, log);
    expect(informer.list().map((o) => [o.metadata.name, o.metadata.managedFields])).toEqual([['a', undefined], ['b', undefined]]);
    expect(Object.keys(informer.get('default', 'a')!.metadata)).toEqual(['name', 'namespace', 'uid', 'labels', 'resourceVersion']);
  });

  it('files objects under its indexers\' values, and moves or drops them as they change or go, through relists too', async () => {
    const log = new FakeLog(nc);
    log.commit('PodCreated', pod('a', 'n1', { app: 'x' }));
    log.commit('PodCreated', pod('b', 'n2', { app: 'x' }));
    const informer = new Informer<Pod>(log.client(), podsRef, { indexers: { app: (o) => (o.metadata.labels?.app ? [o.metadata.labels.app] : []) } });
    informers.push(informer);
    await informer.start();
    const filed = (app: string) => informer.byIndex('app', app).map((o) => o.metadata.name).sort();
    expect(filed('x')).toEqual(['a', 'b']);
    log.commit('PodRelabeled', pod('a', 'n1', { app: 'y' }));
    log.commit('PodDeleted', pod('b', 'n2', { app: 'x' }));
    log.commit('PodCreated', pod('c', 'n1', { app: 'y' }), { lose: true });
    log.commit('PodCreated', pod('d', 'n1'));
    await caughtUp(informer, log);
    expect([filed('x'), filed('y')]).toEqual([[], ['a', 'c']]);
    expect(() => informer.byIndex('node', 'n1')).toThrow('no index node');
  });

  it('shares its connection\'s event stream with the other informers on it: one stopping leaves the others following', async () => {
    const log = new FakeLog(nc);
    const { informer: stays } = await started(log, [boundTo('n1')]);
    const { informer: goes } = await started(log, [boundTo('n1')]);
    log.commit('PodCreated', pod('a', 'n1'));
    await caughtUp(goes, log);
    goes.stop();
    log.commit('PodCreated', pod('b', 'n1'));
    await caughtUp(stays, log);
    expect([names(stays), names(goes)]).toEqual([['a', 'b'], ['a']]);
  });
});

describe('an informer that follows lanes, as a kubelet-agent\'s pods informer does', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  const informers: Informer<Pod>[] = [];
  const connections: NatsConnection[] = [];

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
  });
  afterEach(async () => {
    informers.splice(0).forEach((i) => i.stop());
    await Promise.all(connections.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  /** An informer of `nodes`' pods on a connection of its own, which hears nothing but the informer's lanes. */
  async function started(log: FakeLog, nodes: string[]) {
    const own = await connect({ servers: nats.url });
    connections.push(own);
    const informer = new Informer<Pod>(log.client(own), podsRef, { parts: nodes.map(onLane), lanes: true });
    const seen: string[] = [];
    informer.onChange((type, o) => seen.push(`${type} ${o.metadata.name}`));
    informers.push(informer);
    await informer.start();
    // Its subscriptions reach the server before anything the log publishes on its own connection.
    await own.flush();
    return { informer, seen, own };
  }

  const names = (informer: Informer<Pod>) => informer.list().map((o) => o.metadata.name).sort();

  it('is sent only its nodes\' pods: no other node\'s, no unscheduled pod, no other kind', async () => {
    const log = new FakeLog(nc);
    log.commit('PodCreated', pod('before', 'n1'));
    const { informer, seen, own } = await started(log, ['n1', 'n2']);
    log.commit('PodCreated', pod('pending'));
    log.commit('PodCreated', pod('elsewhere', 'n9'));
    log.commit('EventCreated', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' } } as unknown as Pod);
    log.commit('PodBound', pod('pending', 'n2'));
    log.commit('PodCreated', pod('mine', 'n1'));
    await waitFor(() => informer.get('default', 'mine') !== undefined, 'the last pod of its nodes');
    expect(seen).toEqual(['ADDED before', 'ADDED pending', 'ADDED mine']);
    expect(own.stats().inMsgs).toBe(2);
    expect([informer.replays, informer.relists]).toEqual([0, 0]);
  });

  it('replays a lost event of its lane from the api-server\'s memory, only its lane\'s, from where it was, without listing', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    const { informer, seen } = await started(log, ['n1', 'n2']);
    log.commit('PodCreated', pod('a', 'n1'));
    log.commit('PodStatusReported', pod('a', 'n1', { updated: 'yes' }));
    log.commit('PodCreated', pod('lost', 'n1'), { lose: true });
    log.commit('PodCreated', pod('b', 'n2'));
    log.commit('PodCreated', pod('c', 'n1'));
    await waitFor(() => informer.replays === 1 && informer.get('default', 'c') !== undefined, 'a replay after the gap');
    expect(log.replays).toEqual([{ after: 2, kind: 'Pod', fieldSelectors: ['spec.nodeName=n1'] }]);
    expect(seen).toEqual(['ADDED a', 'MODIFIED a', 'ADDED b', 'ADDED lost', 'ADDED c']);
    expect([names(informer), informer.relists]).toEqual([['a', 'b', 'c', 'lost'], 0]);
  });

  it('catches up a lane found behind while another was being caught up, without waiting for a beacon', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    log.replayMs = 300;
    const { informer } = await started(log, ['n1', 'n2']);
    log.commit('PodCreated', pod('lost-1', 'n1'), { lose: true });
    log.commit('PodCreated', pod('lost-2', 'n2'), { lose: true });
    log.commit('PodCreated', pod('a', 'n1'));
    await waitFor(() => log.replays.length === 1, 'the first lane\'s replay under way');
    log.commit('PodCreated', pod('b', 'n2'));
    await waitFor(() => informer.get('default', 'lost-2') !== undefined, 'the second lane caught up');
    expect(log.replays.map((r) => r.fieldSelectors)).toEqual([['spec.nodeName=n1'], ['spec.nodeName=n2']]);
    expect(names(informer)).toEqual(['a', 'b', 'lost-1', 'lost-2']);
  });

  it('replays a lost tail that only its lane\'s beacon shows', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    const { informer } = await started(log, ['n1']);
    log.commit('PodCreated', pod('seen', 'n1'));
    log.commit('PodCreated', pod('last', 'n1'), { lose: true });
    log.beacons();
    await waitFor(() => informer.get('default', 'last') !== undefined, 'the lost tail replayed');
    expect([informer.replays, informer.relists]).toEqual([1, 0]);
  });

  it('replays what was published while its connection was down as soon as it is back, before any beacon', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    const { informer, own } = await started(log, ['n1']);
    log.commit('PodCreated', pod('missed', 'n1'), { lose: true });
    await own.reconnect();
    await waitFor(() => informer.get('default', 'missed') !== undefined, 'the pod published while it was away');
    expect([informer.replays, informer.relists]).toEqual([1, 0]);
  });

  it('trusts an api-server that started anew once it has seen its lane through what came before, and replays when it has not', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    const { informer } = await started(log, ['n1']);
    log.commit('PodCreated', pod('a', 'n1'));
    // The api-server starts again remembering none of it: for the first event of each lane it names the seq before its first.
    log.restarted();
    log.commit('PodCreated', pod('b', 'n1'));
    await waitFor(() => informer.get('default', 'b') !== undefined, 'the pod after the restart');
    expect(informer.replays).toBe(0);
    log.commit('PodCreated', pod('lost', 'n1'), { lose: true });
    log.restarted();
    log.commit('PodCreated', pod('c', 'n1'));
    await waitFor(() => informer.get('default', 'c') !== undefined, 'the pod after the second restart');
    expect([names(informer), informer.replays, informer.relists]).toEqual([['a', 'b', 'c', 'lost'], 1, 0]);
  });

  it('applies what was committed between two parts\' lists to the part listed before it, once, and replays one lost meanwhile', async () => {
    const log = new FakeLog(nc);
    log.remembersFrom = 0;
    log.commit('PodCreated', pod('a', 'n1'));
    log.afterList = (selector) => {
      if (selector !== 'spec.nodeName=n1') return;
      log.afterList = undefined;
      log.commit('PodStatusReported', pod('a', 'n1', { updated: 'yes' }));
      log.commit('PodCreated', pod('lost', 'n1'), { lose: true });
      log.commit('PodCreated', pod('b', 'n2'));
    };
    const { informer, seen } = await started(log, ['n1', 'n2']);
    log.beacons();
    await waitFor(() => informer.get('default', 'lost') !== undefined, 'the lost pod replayed');
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a', 'ADDED lost']);
    expect(informer.get('default', 'a')?.metadata.labels).toEqual({ updated: 'yes' });
    expect([log.listed, informer.replays]).toEqual([['spec.nodeName=n1', 'spec.nodeName=n2'], 1]);
  });

  it('refuses a kind no lane carries whole', () => {
    expect(() => new Informer(new FakeLog(nc).client(), { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment' }, { lanes: true }))
      .toThrow('no lane carries every Deployment of this cache');
    expect(() => new Informer(new FakeLog(nc).client(), podsRef, { lanes: true })).toThrow('no lane carries every Pod of this cache');
  });
});
