/** Rebuilds the projection from the log alone: the proof that state is a function of events. */
import type { Kysely } from 'kysely';
import { isAuditEntry } from '@kubelab/api';
import { isRemoval, objectKey } from './event-record.js';
import { storedData } from './read.js';
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
 * Folds the newest snapshot and then every later event (up to `toSeq`, when given)
 * into a fresh projection. Reads in pages so a long log never sits in memory twice.
 * Objects are kept as stored while folding and decoded once at the end: only the last
 * version of each is ever read.
 */
export async function replay(
  db: Kysely<Database>,
  options: { toSeq?: number; onProgress?: (seq: number) => void } = {},
): Promise<{ projection: Projection; seq: number }> {
  const projection: Projection = new Map();
  let seq = 0;
  let snapshotQuery = db.selectFrom('snapshots').selectAll().orderBy('seq', 'desc').limit(1);
  if (options.toSeq !== undefined) snapshotQuery = snapshotQuery.where('seq', '<=', options.toSeq);
  const snapshot = await snapshotQuery.executeTakeFirst();
  if (snapshot) {
    seq = Number(snapshot.seq);
    for (const o of JSON.parse(snapshot.data) as ProjectedObject[]) {
      projection.set(objectKey(o.kind, o.namespace, o.name), o);
    }
  }
  for (;;) {
    let q = db.selectFrom('events').selectAll().where('seq', '>', seq).orderBy('seq', 'asc').limit(pageSize);
    if (options.toSeq !== undefined) q = q.where('seq', '<=', options.toSeq);
    const page = await q.execute();
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
  }
  for (const o of projection.values()) o.data = storedData(o.data, `event ${o.resourceVersion}`);
  return { projection, seq };
}
