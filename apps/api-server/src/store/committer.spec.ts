import { etcdRestoredType, resourceTypes, type Command, type KubeObject, type Pod, type Service } from '@kubelab/api';
import { migrateToLatest, openSqlite, readEvents, replay } from '@kubelab/event-store';
import { tempSqliteFile } from '@kubelab/testing';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommittedChange } from './committed-change.js';
import { commitLogOf } from './commit-log.js';
import { Committer } from './committer.js';
import { ObjectStore } from './object-store.js';
import { WatchHub } from './watch-hub.js';

const type = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
const options = { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' };
const write = (dryRun = false) => ({ fieldValidation: 'Strict' as const, fieldManager: 'kubectl', dryRun });
const pod = (name: string, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, ...metadata }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
});
const create = (body: KubeObject, dryRun = false): Command => ({ type: 'Create', resource: type(body.kind), namespace: body.kind === 'Namespace' ? '' : 'default', body, options: write(dryRun) });

describe('Committer: dry run', () => {
  let db: ReturnType<typeof openSqlite>;
  let store: ObjectStore;
  let committer: Committer;
  const watched: CommittedChange[] = [];
  const published: CommittedChange[] = [];

  beforeEach(async () => {
    db = openSqlite(tempSqliteFile());
    await migrateToLatest(db);
    store = new ObjectStore();
    const hub = new WatchHub(100);
    hub.subscribe((c) => watched.push(c));
    committer = new Committer(commitLogOf(db, false, 'the event log'), store, hub, options, pino({ level: 'silent' }), 0);
    committer.addPublisher((changes) => published.push(...changes));
    await committer.execute(create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }), 'test');
    await committer.execute(create({ ...pod('web'), spec: { ...(pod('web') as Pod).spec, nodeName: 'node-1' } }), 'test');
    await committer.execute(create(pod('unbound')), 'test');
    watched.length = 0;
    published.length = 0;
  });
  afterEach(() => db.destroy());

  /** Nothing stored, staged, logged, watched, published or numbered since the three set-up writes. */
  async function expectNothingWritten(): Promise<void> {
    expect(committer.lastCommittedSeq).toBe(3);
    expect((await readEvents(db)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(watched).toEqual([]);
    expect(published).toEqual([]);
  }

  it('answers a create with the decided object (generated name, uid, defaults, managedFields) and no resourceVersion', async () => {
    const result = await committer.execute(create(pod('', { generateName: 'web-' }), true), 'test');
    const answered = JSON.parse(result.body) as Pod;
    expect(result.code).toBe(201);
    expect(answered.metadata).toMatchObject({ name: expect.stringMatching(/^web-[a-z0-9]{5}$/), uid: expect.any(String), creationTimestamp: expect.any(String) });
    expect(answered.metadata.managedFields?.[0]).toMatchObject({ manager: 'kubectl', operation: 'Update' });
    expect(answered.metadata).not.toHaveProperty('resourceVersion');
    expect(answered.spec?.restartPolicy).toBe('Always');
    expect(store.decisionView.get('Pod', 'default', answered.metadata.name!)).toBeUndefined();
    await expectNothingWritten();
  });

  it('answers an update with the resourceVersion the object has now, and leaves the object as it was', async () => {
    const before = store.decisionView.get('Pod', 'default', 'web')!;
    const patch: Command = { type: 'Patch', resource: type('Pod'), namespace: 'default', name: 'web', patchType: 'merge', patch: { metadata: { labels: { tier: 'web' } } }, options: write(true) };
    const answered = JSON.parse((await committer.execute(patch, 'test')).body) as KubeObject;
    expect(answered.metadata.labels).toEqual({ tier: 'web' });
    expect(answered.metadata.resourceVersion).toBe('2');
    expect(store.decisionView.get('Pod', 'default', 'web')).toBe(before);
    await expectNothingWritten();
  });

  it('answers a graceful delete with the deletionTimestamp but deletes nothing; a missing object is still 404', async () => {
    const del: Command = { type: 'Delete', resource: type('Pod'), namespace: 'default', name: 'web', options: { dryRun: true } };
    const answered = JSON.parse((await committer.execute(del, 'test')).body) as KubeObject;
    expect(answered.metadata).toMatchObject({ deletionTimestamp: expect.any(String), deletionGracePeriodSeconds: 30, resourceVersion: '2' });
    expect(store.decisionView.get('Pod', 'default', 'web')?.metadata.deletionTimestamp).toBeUndefined();
    await expect(committer.execute({ ...del, name: 'gone' }, 'test')).rejects.toMatchObject({ status: { code: 404 } });
    await expectNothingWritten();
  });

  it('binds and evicts in a dry run without moving the pod', async () => {
    const target = { resource: type('Pod'), namespace: 'default', name: 'unbound' };
    const bind = await committer.execute({ type: 'Bind', ...target, nodeName: 'node-1', options: { dryRun: true } }, 'test');
    expect(bind.code).toBe(201);
    const evict = await committer.execute({ type: 'Evict', ...target, options: { dryRun: true } }, 'test');
    expect(evict.code).toBe(201);
    expect((store.decisionView.get('Pod', 'default', 'unbound') as Pod | undefined)?.spec?.nodeName).toBeUndefined();
    await expectNothingWritten();
  });

  it('takes no resourceVersion and no ClusterIP: the next real write gets both as if no dry run happened', async () => {
    const service = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }] } });
    const dry = JSON.parse((await committer.execute(create(service('dry'), true), 'test')).body) as Service;
    await expectNothingWritten();
    const real = JSON.parse((await committer.execute(create(service('real')), 'test')).body) as Service;
    expect(real.metadata.resourceVersion).toBe('4');
    expect(real.spec?.clusterIP).toBe(dry.spec?.clusterIP);
  });
});

/** A committer on a fresh log, publishing to `published`, with the default namespace made. */
async function committerWithDefault(published: CommittedChange[]) {
  const db = openSqlite(tempSqliteFile());
  await migrateToLatest(db);
  const store = new ObjectStore();
  const committer = new Committer(commitLogOf(db, false, 'the event log'), store, new WatchHub(100), options, pino({ level: 'silent' }), 0);
  committer.addPublisher((changes) => published.push(...changes));
  await committer.execute(create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }), 'test');
  return { db, store, committer };
}

describe('Committer: audit entries', () => {
  let db: ReturnType<typeof openSqlite>;
  let store: ObjectStore;
  let committer: Committer;
  const published: CommittedChange[] = [];

  beforeEach(async () => {
    ({ db, store, committer } = await committerWithDefault(published));
    published.length = 0;
  });
  afterEach(() => db.destroy());

  it('numbers, writes and publishes a Refused entry in seq order with the writes around it, and stores no object', async () => {
    const refusal = { type: 'Refused', kind: 'Pod', namespace: 'default', name: 'web', uid: '', actor: 'user:kubectl create', data: { verb: 'create', code: 403 } };
    const [seq] = await Promise.all([committer.record(refusal), committer.execute(create(pod('other')), 'test')]);
    expect(seq).toBe(2);
    expect(committer.lastCommittedSeq).toBe(3);
    expect(published.map((c) => [c.seq, c.type])).toEqual([[2, 'Refused'], [3, 'PodCreated']]);
    expect((await readEvents(db, { kind: 'Pod', name: 'web' })).map((e) => [e.seq, e.type, JSON.parse(e.data)])).toEqual([[2, 'Refused', { verb: 'create', code: 403 }]]);
    expect(store.get('Pod', 'default', 'web')).toBeUndefined();
    expect(store.decisionView.get('Pod', 'default', 'web')).toBeUndefined();
    await committer.execute(create(pod('web')), 'test');
    expect(store.get('Pod', 'default', 'web')?.object.metadata.resourceVersion).toBe('4');
  });
});

describe('Committer: an etcd restore', () => {
  let db: ReturnType<typeof openSqlite>;
  let store: ObjectStore;
  let committer: Committer;
  const published: CommittedChange[] = [];
  const rs = (name: string): KubeObject => ({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  const remove = (kind: string, name: string): Command => ({ type: 'Delete', resource: type(kind), namespace: 'default', name, options: { gracePeriodSeconds: 0 } });

  beforeEach(async () => {
    ({ db, store, committer } = await committerWithDefault(published));
    await committer.execute(create(rs('kept')), 'test');
    await committer.execute(create(pod('kept-1', { labels: { app: 'kept' } })), 'test');
    await committer.execute(create(pod('changed')), 'test');
  });
  afterEach(() => db.destroy());

  it('brings back what the snapshot holds in one batch after its header: owners go first and come back last; replaying the log gives the same objects', async () => {
    const snapshotSeq = committer.lastCommittedSeq;
    await committer.execute({ type: 'Patch', resource: type('Pod'), namespace: 'default', name: 'changed', patchType: 'merge', patch: { metadata: { labels: { x: 'y' } } }, options: write() }, 'test');
    await committer.execute(remove('ReplicaSet', 'kept'), 'test');
    await committer.execute(remove('Pod', 'kept-1'), 'test');
    await committer.execute(create(rs('later')), 'test');
    await committer.execute(create(pod('later-1', { labels: { app: 'later' } })), 'test');
    const { projection } = await replay(db, { toSeq: snapshotSeq });
    published.length = 0;
    const header = { type: etcdRestoredType, kind: 'Pod', namespace: 'kube-system', name: 'etcd-controlplane', uid: '', actor: 'etcd', data: { restoreId: 'r1' } };
    const { seq, changed } = await committer.restore(header, projection);
    expect(published.map((c) => [c.seq - seq, c.type, c.name, c.cause])).toEqual([
      [0, 'EtcdSnapshotRestored', 'etcd-controlplane', null],
      [1, 'ReplicaSetDeleted', 'later', seq],
      [2, 'PodDeleted', 'later-1', seq],
      [3, 'PodRestored', 'changed', seq],
      [4, 'PodCreated', 'kept-1', seq],
      [5, 'ReplicaSetCreated', 'kept', seq],
    ]);
    expect(changed).toBe(5);
    expect(published.map((c) => c.watchType)).toEqual(['MODIFIED', 'DELETED', 'DELETED', 'MODIFIED', 'ADDED', 'ADDED']);
    expect(store.get('Pod', 'default', 'changed')?.object.metadata.labels).toBeUndefined();
    expect(store.get('Pod', 'default', 'kept-1')?.object.metadata.resourceVersion).toBe(String(seq + 4));
    expect(store.get('ReplicaSet', 'default', 'later')).toBeUndefined();
    const after = (await replay(db)).projection;
    expect([...after.keys()].sort()).toEqual([...projection.keys()].sort());
    expect([...after.values()].map((o) => [o.name, JSON.parse(o.data)])).toEqual([...after.keys()].map((k) => [after.get(k)!.name, store.get(after.get(k)!.kind, after.get(k)!.namespace, after.get(k)!.name)!.object]));
  });
});
