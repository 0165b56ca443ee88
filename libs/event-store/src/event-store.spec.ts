import { tempSqliteFile } from '@kubelab/testing';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvents } from './append.js';
import { checkLogTail } from './check-tail.js';
import { DamagedLogError } from './damaged-log.js';
import { compactLog } from './compact.js';
import type { EventRecord } from './event-record.js';
import { migrateToLatest } from './migrate.js';
import { openSqlite } from './open-sqlite.js';
import { horizonSeq, lastSeq, readEvents, readObjects } from './read.js';
import { replay } from './replay.js';
import type { Database } from './schema.js';
import { podLifecycle } from './testing/pod-lifecycle.js';

function event(seq: number, type: string, name: string, body: Record<string, unknown> = {}): EventRecord {
  const data = JSON.stringify({ kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(seq) }, ...body });
  return { seq, time: '2026-11-22T00:00:00.000Z', type, kind: 'Pod', namespace: 'default', name, uid: `uid-${name}`, actor: 'test', cause: null, data };
}

describe('event store on a real SQLite file', () => {
  let db: Kysely<Database>;
  beforeEach(async () => {
    db = openSqlite(tempSqliteFile());
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
