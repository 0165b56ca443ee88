import { eventLogKinds, newEventLogDatabase, sharedPostgres, waitFor } from '@kubelab/testing';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvents } from './append.js';
import { appendEventsAfter, LogMovedOn } from './append-after.js';
import { checkLogTail } from './check-tail.js';
import { DamagedLogError } from './damaged-log.js';
import { compactLog } from './compact.js';
import type { EventRecord } from './event-record.js';
import { listenForAppends, missedAppends } from './listen-for-appends.js';
import { migrateToLatest } from './migrate.js';
import { maskDatabase } from './database-url.js';
import { eventLogKind, openEventLog } from './open-event-log.js';
import { horizonSeq, lastSeq, readEvents, readObjects } from './read.js';
import { replay } from './replay.js';
import type { Database } from './schema.js';
import { podLifecycle } from './testing/pod-lifecycle.js';

function event(seq: number, type: string, name: string, body: Record<string, unknown> = {}): EventRecord {
  const data = JSON.stringify({ kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(seq) }, ...body });
  return { seq, time: '2026-11-22T00:00:00.000Z', type, kind: 'Pod', namespace: 'default', name, uid: `uid-${name}`, actor: 'test', cause: null, data };
}

describe.each(eventLogKinds)('event store on a real %s database', (kind) => {
  let db: Kysely<Database>;
  let database: string;
  beforeEach(async () => {
    database = await newEventLogDatabase(kind);
    const log = openEventLog(database);
    expect(log.kind).toBe(kind);
    db = log.db;
    expect(eventLogKind(db)).toBe(kind);
    await migrateToLatest(db);
  });
  afterEach(() => db.destroy());

  it('appends events and keeps the projection at the last change of each object', async () => {
    await appendEvents(db, [event(1, 'PodCreated', 'a'), event(2, 'PodCreated', 'b'), event(3, 'PodUpdated', 'a', { spec: 1 })]);
    await appendEvents(db, [event(4, 'PodDeleted', 'b')]);
    expect(await lastSeq(db)).toBe(4);
    const objects = await readObjects(db);
    expect(objects.map((o) => [o.name, o.resource_version])).toEqual([['a', 3]]);
    expect(JSON.parse(objects[0].data).spec).toBe(1);
  });

  it('writes nothing of a batch that fails (duplicate seq)', async () => {
    await appendEvents(db, [event(1, 'PodCreated', 'a')]);
    await expect(appendEvents(db, [event(2, 'PodCreated', 'b'), event(1, 'PodCreated', 'c')])).rejects.toThrow();
    expect(await lastSeq(db)).toBe(1);
    expect((await readObjects(db)).map((o) => o.name)).toEqual(['a']);
  });

  it('reads by range and by object', async () => {
    await appendEvents(db, [event(1, 'PodCreated', 'a'), event(2, 'PodCreated', 'b'), event(3, 'PodUpdated', 'a')]);
    expect((await readEvents(db, { afterSeq: 1 })).map((e) => e.seq)).toEqual([2, 3]);
    expect((await readEvents(db, { kind: 'Pod', namespace: 'default', name: 'a' })).map((e) => e.seq)).toEqual([1, 3]);
    expect((await readEvents(db, { afterTime: '2026-11-21T23:59:59.999Z', limit: 1 })).map((e) => e.seq)).toEqual([1]);
    expect(await readEvents(db, { afterTime: '2026-11-22T00:00:00.000Z' })).toEqual([]);
  });

  it('replays into exactly the stored projection', async () => {
    const events = Array.from({ length: 50 }, (_, i) => event(i + 1, i % 7 === 6 ? 'PodDeleted' : 'PodUpdated', `p${i % 9}`, { n: i }));
    await appendEvents(db, events);
    const { projection, seq } = await replay(db);
    expect(seq).toBe(50);
    const stored = await readObjects(db);
    expect(new Map(stored.map((o) => [o.name, o.data]))).toEqual(new Map([...projection.values()].map((o) => [o.name, o.data])));
  });

  it('numbers and keeps audit entries but never projects or replays them', async () => {
    const refused = (seq: number, name: string): EventRecord => ({
      seq, time: '2026-11-22T00:00:00.000Z', type: 'Refused', kind: 'Pod', namespace: 'default', name, uid: '', actor: 'user:kubectl create', cause: null,
      data: JSON.stringify({ verb: 'create', resource: 'pods', code: 403, count: 1 }),
    });
    await appendEvents(db, [event(1, 'PodCreated', 'a'), refused(2, 'a'), refused(3, 'b')]);
    await appendEvents(db, [refused(4, 'b')]);
    expect(await lastSeq(db)).toBe(4);
    expect((await readObjects(db)).map((o) => [o.name, o.resource_version])).toEqual([['a', 1]]);
    const { projection, seq } = await replay(db);
    expect(seq).toBe(4);
    expect([...projection.values()].map((o) => [o.name, o.resourceVersion])).toEqual([['a', 1]]);
    expect((await readEvents(db, { kind: 'Pod', name: 'b' })).map((e) => e.type)).toEqual(['Refused', 'Refused']);
  });

  it('compacts up to a horizon and still replays to the same state', async () => {
    await appendEvents(db, Array.from({ length: 20 }, (_, i) => event(i + 1, 'PodUpdated', `p${i % 3}`, { n: i })));
    const before = (await replay(db)).projection;
    await compactLog(db, 15, new Date('2026-11-22T00:00:00Z'));
    expect(await horizonSeq(db)).toBe(15);
    expect((await readEvents(db)).map((e) => e.seq)).toEqual([16, 17, 18, 19, 20]);
    expect((await replay(db)).projection).toEqual(before);
    expect(await lastSeq(db)).toBe(20);
  });

  it('compacts again and again, an object per snapshot row, deletions and re-creations included', async () => {
    const types = ['PodCreated', 'PodUpdated', 'PodDeleted', 'Refused'];
    const events = Array.from({ length: 60 }, (_, i) => event(i + 1, types[(i * 7) % 4], `p${i % 5}`, { n: i }));
    await appendEvents(db, events);
    const before = (await replay(db)).projection;
    for (const horizon of [10, 11, 33, 59]) {
      await compactLog(db, horizon, new Date('2026-11-22T00:00:00Z'));
      expect(await horizonSeq(db)).toBe(horizon);
      expect((await replay(db)).projection).toEqual(before);
      const atHorizon = (await replay(db, { toSeq: horizon })).projection;
      const rows = await db.selectFrom('snapshot_objects').select(['name', 'resource_version']).orderBy('name').execute();
      expect(rows.map((r) => [r.name, Number(r.resource_version)])).toEqual([...atHorizon.values()].map((o) => [o.name, o.resourceVersion]).sort());
    }
    expect((await db.selectFrom('snapshots').select('seq').execute()).map((r) => Number(r.seq))).toEqual([59]);
  });

  it.runIf(kind === 'sqlite')('starts a replay again from the new snapshot when the log is compacted past the page it read', async () => {
    // 12,000 events, three pages: objects changed only between the first page and the horizon are in the snapshot alone.
    const events = Array.from({ length: 12_000 }, (_, i) => event(i + 1, 'PodUpdated', i >= 5_000 && i < 5_100 ? `mid-${i}` : `p${i % 7}`, { n: i }));
    for (let i = 0; i < events.length; i += 1000) await appendEvents(db, events.slice(i, i + 1000));
    const whole = (await replay(db)).projection;
    let compacting: Promise<void> | undefined;
    const { projection } = await replay(db, { onProgress: () => void (compacting ??= compactLog(db, 8_000, new Date('2026-11-22T00:00:00Z'))) });
    await compacting;
    expect(await horizonSeq(db)).toBe(8_000);
    expect(projection.size).toBe(107);
    expect(projection).toEqual(whole);
  });

  it('takes a snapshot written whole by an older api-server into rows', async () => {
    const fresh = openEventLog(await newEventLogDatabase(kind)).db;
    try {
      const { Migrator } = await import('kysely');
      const initial = await import('./migrations/2026-11-22-initial.js');
      const deflated = await import('./migrations/2026-11-24-deflated-rows.js');
      const older = new Migrator({ db: fresh, provider: { getMigrations: async () => ({ '2026-11-22-initial': initial, '2026-11-24-deflated-rows': deflated }) } });
      expect((await older.migrateToLatest()).error).toBeUndefined();
      const objects = [event(7, 'PodCreated', 'a'), event(9, 'PodUpdated', 'b')].map((e) => ({ kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, resourceVersion: e.seq, data: e.data }));
      const wholeSnapshots = fresh as unknown as Kysely<{ snapshots: { seq: number; time: string; data: string } }>;
      await wholeSnapshots.insertInto('snapshots').values([{ seq: 5, time: 't', data: '[]' }, { seq: 10, time: 't', data: JSON.stringify(objects) }]).execute();
      await appendEvents(fresh, [event(11, 'PodUpdated', 'a', { n: 1 })]);
      await migrateToLatest(fresh);
      expect(await horizonSeq(fresh)).toBe(10);
      const { projection, seq } = await replay(fresh);
      expect(seq).toBe(11);
      expect([...projection.values()].map((o) => [o.name, o.resourceVersion, JSON.parse(o.data).n])).toEqual([['a', 11, 1], ['b', 9, undefined]]);
    } finally {
      await fresh.destroy();
    }
  });

  it('checks a whole tail and finds a gap', async () => {
    await appendEvents(db, [event(1, 'PodCreated', 'a'), event(2, 'PodCreated', 'b')]);
    await checkLogTail(db);
    await appendEvents(db, [event(4, 'PodCreated', 'c')]);
    await expect(checkLogTail(db)).rejects.toThrow('seq 2 is followed by seq 4');
  });

  it('appends after the expected seq only, and refuses a writer that did not see the newest', async () => {
    await appendEventsAfter(db, [event(1, 'PodCreated', 'a')], 0);
    await appendEventsAfter(db, [event(2, 'PodUpdated', 'a')], 1);
    const refused = await appendEventsAfter(db, [event(2, 'PodCreated', 'b')], 0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LogMovedOn);
    expect((refused as LogMovedOn).lastSeq).toBe(2);
    await compactLog(db, 2, new Date('2026-11-22T00:00:00Z'));
    // A compacted log ends at its snapshot.
    await expect(appendEventsAfter(db, [event(3, 'PodCreated', 'b')], 0)).rejects.toBeInstanceOf(LogMovedOn);
    await appendEventsAfter(db, [event(3, 'PodCreated', 'b')], 2);
    expect((await readObjects(db)).map((o) => o.name).sort()).toEqual(['a', 'b']);
  });

  it('keeps a gap-free log when two writers race, the loser getting LogMovedOn', async () => {
    // Two writers numbering from what each last saw: on PostgreSQL two handles (two api-servers); SQLite keeps one writing process, whose one connection they share.
    const other = kind === 'postgres' ? openEventLog(database).db : db;
    const writer = async (handle: Kysely<Database>, name: string) => {
      let moves = 0;
      for (let done = 0; done < 25;) {
        const seen = await lastSeq(handle);
        try {
          await appendEventsAfter(handle, [event(seen + 1, 'PodUpdated', name, { done }), event(seen + 2, 'PodUpdated', name, { done })], seen);
          done++;
        } catch (e) {
          if (!(e instanceof LogMovedOn)) throw e;
          moves++;
        }
      }
      return moves;
    };
    const moves = await Promise.all([writer(db, 'x'), writer(other, 'y')]);
    if (other !== db) await other.destroy();
    expect((await readEvents(db)).map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await checkLogTail(db);
    if (kind === 'postgres') expect(moves[0] + moves[1]).toBeGreaterThan(0);
  });

  describe('stored compactly (row-codec.ts), read back exactly', () => {
    const lifecycle = podLifecycle();
    const texts = (rows: { data: string }[]) => rows.map((r) => r.data);
    const lastOfEach = (events: EventRecord[]) => {
      const last = new Map<string, [number, string]>();
      for (const e of events) {
        if (e.type.endsWith('Deleted')) last.delete(`${e.kind}/${e.name}`);
        else last.set(`${e.kind}/${e.name}`, [e.seq, e.data]);
      }
      return last;
    };
    const objectsOf = async () => new Map((await readObjects(db)).map((o) => [`${o.kind}/${o.name}`, [o.resource_version, o.data]]));
    const replayed = async () => new Map([...(await replay(db)).projection.values()].map((o) => [`${o.kind}/${o.name}`, [o.resourceVersion, o.data]]));

    it('stores objects deflated in the log and the projection, and every reader gets the appended text', async () => {
      await appendEvents(db, lifecycle.slice(0, 9));
      await appendEvents(db, lifecycle.slice(9));
      const stored = await db.selectFrom('events').select('data').execute();
      expect(stored.every((r) => /^z[pew]:/.test(r.data))).toBe(true);
      expect(texts(stored).join('').length).toBeLessThan(texts(lifecycle).join('').length / 8);
      expect((await db.selectFrom('objects').select('data').execute()).every((r) => /^z[pew]:/.test(r.data))).toBe(true);
      expect(await readEvents(db)).toEqual(lifecycle);
      expect((await readEvents(db, { kind: 'Pod', afterSeq: 5 })).map((e) => e.data)).toEqual(texts(lifecycle.filter((e) => e.kind === 'Pod' && e.seq > 5)));
      expect(await objectsOf()).toEqual(lastOfEach(lifecycle));
      expect(await replayed()).toEqual(lastOfEach(lifecycle));
      await checkLogTail(db);
    });

    it('reads a log written before the format, and one that goes on in it', async () => {
      // Today's log as the first migration's appendEvents wrote it: JSON text in both tables.
      const old = lifecycle.slice(0, 9);
      await db.insertInto('events').values(old).execute();
      await db.insertInto('objects').values([...lastOfEach(old).values()].map(([seq, data]) => {
        const e = old.find((o) => o.seq === seq)!;
        return { kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, resource_version: seq, data };
      })).execute();
      expect(await readEvents(db)).toEqual(old);
      expect(await objectsOf()).toEqual(lastOfEach(old));
      expect(await replayed()).toEqual(lastOfEach(old));
      await appendEvents(db, lifecycle.slice(9));
      expect(await readEvents(db)).toEqual(lifecycle);
      expect(await objectsOf()).toEqual(lastOfEach(lifecycle));
      expect(await replayed()).toEqual(lastOfEach(lifecycle));
      await compactLog(db, 12, new Date('2026-11-22T00:00:00Z'));
      expect(await replayed()).toEqual(lastOfEach(lifecycle));
      await checkLogTail(db);
    });

    it('calls a deflated row that does not inflate damage, naming it', async () => {
      await appendEvents(db, lifecycle.slice(0, 3));
      await db.updateTable('events').set({ data: 'zp:AAAA' }).where('seq', '=', 2).execute();
      await expect(readEvents(db)).rejects.toBeInstanceOf(DamagedLogError);
      await expect(readEvents(db)).rejects.toThrow(/^event 2 does not decode/);
      await expect(checkLogTail(db)).rejects.toEqual(new DamagedLogError('event 2 holds no object'));
    });
  });
});

describe('appends on PostgreSQL, notified', () => {
  it('tells a listener each batch\'s last seq, and to re-read after its connection came back', async () => {
    const postgres = await sharedPostgres();
    const url = await postgres.newDatabase();
    const { db } = openEventLog(url);
    await migrateToLatest(db);
    const seen: number[] = [];
    const listener = await listenForAppends(url, (seq) => seen.push(seq));
    try {
      await appendEventsAfter(db, [event(1, 'PodCreated', 'a'), event(2, 'PodCreated', 'b')], 0);
      await appendEventsAfter(db, [event(3, 'PodUpdated', 'a')], 2);
      await expect(appendEventsAfter(db, [event(3, 'PodUpdated', 'b')], 2)).rejects.toBeInstanceOf(LogMovedOn);
      await waitFor(() => seen.length === 2, 'two notifications');
      expect(seen).toEqual([2, 3]);
      await postgres.kill();
      await postgres.restart();
      await waitFor(() => seen.includes(missedAppends), 'the listener to reconnect and ask for a re-read', 20_000);
      await waitFor(() => appendEventsAfter(db, [event(4, 'PodUpdated', 'b')], 3).then(() => true), 'an append after the restart');
      await waitFor(() => seen.at(-1) === 4, 'the notification after the restart');
    } finally {
      await listener.close();
      await db.destroy();
    }
  }, 120_000); // a real PostgreSQL killed and started again: a loaded machine took longer than the unit default of 20 s

  it('masks the password of a URL in what it prints', () => {
    expect(maskDatabase('postgres://kube:s3cret@db:5432/lab')).toBe('postgres://kube:***@db:5432/lab');
    expect(maskDatabase('postgresql://kube@db/lab')).toBe('postgresql://kube@db/lab');
    expect(maskDatabase('/var/lab/events.sqlite')).toBe('/var/lab/events.sqlite');
  });
});
