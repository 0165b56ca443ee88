/** Appends a batch of events and updates the projection in ONE transaction. */
import { auditEntryTypes, isAuditEntry } from '@kubelab/api';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { isRemoval, objectKey, type EventRecord } from './event-record.js';
import { encodeRowData } from './row-codec.js';
import type { Database } from './schema.js';

// SQLite allows 32766 bound parameters per statement (PostgreSQL 65535); 10 columns a row.
const rowsPerStatement = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The last change of each object in the batch: the projection only needs that one. Audit entries change none. */
function lastChangePerObject(events: readonly EventRecord[]): EventRecord[] {
  const last = new Map<string, EventRecord>();
  for (const e of events) if (!isAuditEntry(e.type)) last.set(objectKey(e.kind, e.namespace, e.name), e);
  return [...last.values()];
}

/**
 * Writes into `table` (the projection, or a snapshot's) the last change of each object among the events with seq from
 * `first` to `last`, with one INSERT … SELECT: the data is not sent to the database again, and is stored as the event
 * stores it (see row-codec.ts). Removals and audit entries (a refusal, a dropped connection: they change no object, not
 * even the one they are about) are left out; the caller removes what was removed. Portable SQL: SQLite and PostgreSQL
 * both take it.
 */
export async function upsertLastChanges(trx: Transaction<Database>, table: 'objects' | 'snapshot_objects', first: number, last: number): Promise<void> {
  await trx
    .insertInto(table)
    .columns(['kind', 'namespace', 'name', 'uid', 'resource_version', 'data'])
    .expression((eb) =>
      eb
        .selectFrom('events')
        .select(['kind', 'namespace', 'name', 'uid', 'seq', 'data'])
        .where('seq', 'in', lastChangeSeqs(eb, first, last))
        .where('type', 'not like', '%Deleted'),
    )
    .onConflict((oc) =>
      oc.columns(['kind', 'namespace', 'name']).doUpdateSet((eb) => ({
        uid: eb.ref('excluded.uid'),
        resource_version: eb.ref('excluded.resource_version'),
        data: eb.ref('excluded.data'),
      })),
    )
    .execute();
}

/** The seq of each object's last change among the events from `first` to `last` (audit entries change none). */
export function lastChangeSeqs(eb: ExpressionBuilder<Database, keyof Database>, first: number, last: number) {
  return eb.selectFrom('events').select((e) => e.fn.max('seq').as('seq')).where('seq', '>=', first).where('seq', '<=', last)
    .where('type', 'not in', [...auditEntryTypes]).groupBy(['kind', 'namespace', 'name']);
}

/** Projects the batch from the rows just inserted: the last change of each object, then the deletions. */
async function project(trx: Transaction<Database>, events: readonly EventRecord[]): Promise<void> {
  if (events.every((e) => isAuditEntry(e.type))) return;
  await upsertLastChanges(trx, 'objects', events[0].seq, events[events.length - 1].seq);
  for (const e of lastChangePerObject(events).filter((c) => isRemoval(c.type))) {
    await trx.deleteFrom('objects').where('kind', '=', e.kind).where('namespace', '=', e.namespace).where('name', '=', e.name).execute();
  }
}

/**
 * The rows as the log stores them: each object's JSON in the row codec's compact form (every
 * read gives back the same text). Made before a transaction begins, so it is held no longer
 * than the writes take.
 */
export function storedRows(events: readonly EventRecord[]): EventRecord[] {
  return events.map((e) => ({ ...e, data: encodeRowData(e.kind, e.data) }));
}

/** Inserts rows in stored form (storedRows) and projects them, inside the caller's transaction. */
export async function insertAndProject(trx: Transaction<Database>, rows: readonly EventRecord[]): Promise<void> {
  for (const part of chunks(rows, rowsPerStatement)) {
    await trx.insertInto('events').values(part).execute();
  }
  await project(trx, rows);
}

/**
 * Writes events (already numbered, gap-free) and their projection atomically:
 * after a crash either the whole batch is there or none of it.
 */
export async function appendEvents(db: Kysely<Database>, events: readonly EventRecord[]): Promise<void> {
  if (events.length === 0) return;
  const rows = storedRows(events);
  const trx = await db.startTransaction().execute();
  try {
    await insertAndProject(trx, rows);
    await trx.commit().execute();
  } catch (e) {
    // SQLite rolls back by itself on a full disk or I/O error; the cause, not the failed ROLLBACK, is the error.
    await trx.rollback().execute().catch(() => undefined);
    throw e;
  }
}
