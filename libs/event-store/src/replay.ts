/** Rebuilds the projection from the log alone: the proof that state is a function of events. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { isAuditEntry } from '@kubelab/api';
import { isRemoval, objectKey } from './event-record.js';
import { horizonSeq, storedData } from './read.js';
import type { Database } from './schema.js';

/** One object of a projection: the event that last wrote it and its JSON text. */
export interface ProjectedObject {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: number;
  data: string;
}

export type Projection = Map<string, ProjectedObject>;

const pageSize = 5000;

/**
 * The newest snapshot: its seq (0: none) and its objects, their data as stored. Read again when a compaction
 * landed meanwhile (the horizon moved), so the objects are those of the seq returned.
 */
export async function readSnapshot(db: Kysely<Database>): Promise<{ seq: number; objects: ProjectedObject[] }> {
  for (;;) {
    const seq = await horizonSeq(db);
    if (seq === 0) return { seq, objects: [] };
    const rows = await db.selectFrom('snapshot_objects').selectAll().execute();
    if ((await horizonSeq(db)) !== seq) continue;
    return { seq, objects: rows.map((r) => ({ kind: r.kind, namespace: r.namespace, name: r.name, uid: r.uid, resourceVersion: Number(r.resource_version), data: r.data })) };
  }
}

/**
 * Folds the newest snapshot (unless it is past `toSeq`) and then every later event (up to `toSeq`, when given)
 * into a fresh projection. Reads in pages so a long log never sits in memory twice, and lets the process's other work
 * run between pages (better-sqlite3 reads while nothing else runs: a 100,000-pod log takes some 20 s to fold); a page
 * that does not follow the last (the log was compacted meanwhile) starts the fold again from the new snapshot.
 * Objects are kept as stored while folding and decoded once at the end: only the last
 * version of each is ever read. With `stored`, they are left as stored (`storedObjectData` decodes one), for a
 * reader that writes them out one by one and never holds every object decoded at once.
 */
export async function replay(
  db: Kysely<Database>,
  options: { toSeq?: number; onProgress?: (seq: number) => void; stored?: boolean } = {},
): Promise<{ projection: Projection; seq: number }> {
  for (;;) {
    const folded = await fold(db, options);
    if (folded) {
      if (!options.stored) for (const o of folded.projection.values()) o.data = storedObjectData(o);
      return folded;
    }
  }
}

/** An object of a projection folded with `stored`: its JSON text. */
export const storedObjectData = (o: ProjectedObject): string => storedData(o.data, `event ${o.resourceVersion}`);

/** One fold; undefined when the log was compacted past where it had read. */
async function fold(db: Kysely<Database>, options: { toSeq?: number; onProgress?: (seq: number) => void }): Promise<{ projection: Projection; seq: number } | undefined> {
  const projection: Projection = new Map();
  const snapshot = await readSnapshot(db);
  let seq = 0;
  if (options.toSeq === undefined || snapshot.seq <= options.toSeq) {
    seq = snapshot.seq;
    for (const o of snapshot.objects) projection.set(objectKey(o.kind, o.namespace, o.name), o);
  }
  for (;;) {
    let q = db.selectFrom('events').selectAll().where('seq', '>', seq).orderBy('seq', 'asc').limit(pageSize);
    if (options.toSeq !== undefined) q = q.where('seq', '<=', options.toSeq);
    const page = await q.execute();
    if (page.length > 0 && Number(page[0].seq) !== seq + 1 && (await horizonSeq(db)) > seq) return undefined;
    for (const e of page) {
      seq = Number(e.seq);
      // A refusal or a dropped connection is numbered in the log but changes no object.
      if (isAuditEntry(e.type)) continue;
      const key = objectKey(e.kind, e.namespace, e.name);
      if (isRemoval(e.type)) projection.delete(key);
      else projection.set(key, { kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, resourceVersion: Number(e.seq), data: e.data });
    }
    options.onProgress?.(seq);
    if (page.length < pageSize) break;
    await nextTurn();
  }
  return { projection, seq };
}
