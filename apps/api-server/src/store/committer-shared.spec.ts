import { resourceTypes, type Command, type KubeObject } from '@kubelab/api';
import { LogMovedOn, type EventRecord } from '@kubelab/event-store';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CommittedChange } from './committed-change.js';
import { Committer, type CommitLog } from './committer.js';
import { ObjectStore } from './object-store.js';
import { WatchHub } from './watch-hub.js';

const options = { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' };
const type = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
const write = { fieldValidation: 'Strict' as const, fieldManager: 'test', dryRun: false };
const configMap = (name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });
const create = (body: KubeObject): Command => ({ type: 'Create', resource: type(body.kind), namespace: body.kind === 'Namespace' ? '' : 'default', body, options: write });
const update = (body: KubeObject): Command => ({ type: 'Update', resource: type(body.kind), namespace: 'default', name: body.metadata.name!, body, options: write });

/** One log in memory that several committers share, refusing an append made on a stale head as PostgreSQL's does. */
function sharedLog(notify: boolean) {
  const records: EventRecord[] = [];
  const head = () => records.at(-1)?.seq ?? 0;
  const listeners: Committer[] = [];
  const logOf = (): CommitLog => ({
    shared: true,
    name: 'the event log',
    append: async (batch, after) => {
      await Promise.resolve();
      if (head() !== after) throw new LogMovedOn(head(), after);
      records.push(...batch);
      // Every api-server hears of the append, as LISTEN/NOTIFY tells them.
      if (notify) for (const c of listeners) c.noteHead(head());
    },
    readAfter: async (seq, limit) => records.filter((r) => r.seq > seq).slice(0, limit),
    head: async () => head(),
  });
  const apiServer = () => {
    const store = new ObjectStore();
    const published: CommittedChange[] = [];
    const committer = new Committer(logOf(), store, new WatchHub(100), options, pino({ level: 'silent' }), 0);
    committer.addPublisher((changes) => published.push(...changes));
    listeners.push(committer);
    return { committer, store, published };
  };
  return { records, apiServer };
}

describe.each([
  { notify: true, heard: 'hearing of each append' },
  { notify: false, heard: 'hearing of no append (learning of them from refused appends)' },
])('Committer on a log shared by several api-servers, $heard', ({ notify }) => {
  it('numbers writes through both gap-free and in commit order, and each api-server ends with the same objects', async () => {
    const log = sharedLog(notify);
    const a = log.apiServer();
    const b = log.apiServer();
    await a.committer.execute(create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }), 'test');
    await b.committer.caughtUp();
    const writes = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).committer.execute(create(configMap(`cm-${i}`)), 'test'));
    const versions = (await Promise.all(writes)).map((r) => Number(JSON.parse(r.body).metadata.resourceVersion));
    expect(new Set(versions).size).toBe(20);
    expect(log.records.map((r) => r.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    await a.committer.caughtUp();
    await b.committer.caughtUp();
    for (const s of [a, b]) {
      expect(s.store.list('ConfigMap', 'default').map((o) => [o.object.metadata.name, o.object.metadata.resourceVersion]).sort())
        .toEqual(log.records.slice(1).map((r) => [r.name, String(r.seq)]).sort());
    }
    // What each api-server applied reaches its watchers and publishers in seq order, its own writes and the other's alike.
    expect(b.published.map((c) => c.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it('decides a write again on the state another api-server left: a name taken there is AlreadyExists here', async () => {
    const log = sharedLog(notify);
    const a = log.apiServer();
    const b = log.apiServer();
    await a.committer.execute(create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }), 'test');
    await b.committer.caughtUp();
    const [first, second] = await Promise.allSettled([a.committer.execute(create(configMap('one')), 'test'), b.committer.execute(create(configMap('one')), 'test')]);
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const refused = (first.status === 'rejected' ? first : second) as PromiseRejectedResult;
    expect(refused.reason.status).toMatchObject({ code: 409, reason: 'AlreadyExists' });
    expect(log.records.filter((r) => r.name === 'one')).toHaveLength(1);
  });

  it('refuses an update whose resourceVersion another api-server moved on with a 409 Conflict, and lets the current one through', async () => {
    const log = sharedLog(notify);
    const a = log.apiServer();
    const b = log.apiServer();
    await a.committer.execute(create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }), 'test');
    const created = JSON.parse((await a.committer.execute(create(configMap('cm', { v: '1' })), 'test')).body) as KubeObject;
    await a.committer.execute(update({ ...created, data: { v: '2' } }), 'test');
    // b has not heard of either write yet: it decides on its stale state, the log refuses, it catches up and decides again.
    const stale = await b.committer.execute(update({ ...created, data: { v: '3' } }), 'test').catch((e) => e.status);
    expect(stale).toMatchObject({ code: 409, reason: 'Conflict' });
    await b.committer.caughtUp();
    const current = b.store.get('ConfigMap', 'default', 'cm')!.object;
    expect(current.data).toEqual({ v: '2' });
    const updated = JSON.parse((await b.committer.execute(update({ ...current, data: { v: '4' } }), 'test')).body) as KubeObject;
    expect(updated.metadata.resourceVersion).toBe('4');
    await a.committer.caughtUp();
    expect(a.store.get('ConfigMap', 'default', 'cm')!.object.data).toEqual({ v: '4' });
  });
});
