/** Reads of the log: by range (watch resume, export) and by object (history, `why`). */
import type { Kysely } from 'kysely';
import { DamagedLogError } from './damaged-log.js';
import { objectKey, type EventRecord } from './event-record.js';
import { decodeRowData } from './row-codec.js';
import type { Database } from './schema.js';

export interface EventFilter {
  /** Only events with seq greater than this. */
  afterSeq?: number;
  /** Only events with seq up to and including this. */
  toSeq?: number;
  /** Only events committed after this time (RFC 3339, as stored). */
  afterTime?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  limit?: number;
}

/** Events in seq order that match the filter. */
export async function readEvents(db: Kysely<Database>, filter: EventFilter = {}): Promise<EventRecord[]> {
  let q = db.selectFrom('events').selectAll().orderBy('seq', 'asc');
  if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
  if (filter.toSeq !== undefined) q = q.where('seq', '<=', filter.toSeq);
  if (filter.afterTime !== undefined) q = q.where('time', '>', filter.afterTime);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.namespace !== undefined) q = q.where('namespace', '=', filter.namespace);
  if (filter.name) q = q.where('name', '=', filter.name);
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  return (await q.execute()).map((r) => ({ ...r, seq: Number(r.seq), cause: r.cause === null ? null : Number(r.cause), data: storedData(r.data, `event ${r.seq}`) }));
}

/** A row's JSON text as it was appended; a row that does not decode is damage. */
export function storedData(stored: string, what: string): string {
  try {
    return decodeRowData(stored);
  } catch (e) {
    throw new DamagedLogError(`${what} does not decode (${(e as Error).message})`);
  }
}

/** The newest seq in the log (0 for an empty log), counting a compacted snapshot. */
export async function lastSeq(db: Kysely<Database>): Promise<number> {
  const ev = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  const snap = await db.selectFrom('snapshots').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Math.max(Number(ev?.seq ?? 0), Number(snap?.seq ?? 0));
}

/** The compaction horizon: events at or before it are only in the snapshot (0: none). */
export async function horizonSeq(db: Kysely<Database>): Promise<number> {
  const snap = await db.selectFrom('snapshots').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(snap?.seq ?? 0);
}

/** Every object of the projection table, with its JSON text as appended (`data`) and as the row stores it (`stored`: row-codec.ts). */
export async function readObjects(db: Kysely<Database>): Promise<{ kind: string; namespace: string; name: string; resource_version: number; data: string; stored: string }[]> {
  const rows = await db.selectFrom('objects').select(['kind', 'namespace', 'name', 'resource_version', 'data']).execute();
  return rows.map((r) => ({ ...r, resource_version: Number(r.resource_version), data: storedData(r.data, `object ${objectKey(r.kind, r.namespace, r.name)}`), stored: r.data }));
}
