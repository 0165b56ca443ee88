/**
 * Appends for several writers on one log (several api-servers on PostgreSQL): the
 * batch goes in only if the log still ends where the writer last saw it, checked
 * under a lock every writer takes, so seq stays global, gap-free and in commit order.
 */
import type { Kysely, Transaction } from 'kysely';
import { kysely } from './drivers.js';
import { insertAndProject, storedRows } from './append.js';
import type { EventRecord } from './event-record.js';
import { eventLogKind } from './open-event-log.js';
import type { Database } from './schema.js';

/** The channel every append on PostgreSQL notifies, with the batch's last seq as payload. */
export const appendsChannel = 'kubelab_events';

/** The advisory lock key writers of one PostgreSQL log serialize on ('kubl' in ASCII). */
const appendLockKey = 0x6b75626c;

/** Another writer appended first: the log now ends at `lastSeq`, not where this writer expected. */
export class LogMovedOn extends Error {
  constructor(readonly lastSeq: number, readonly expectedLastSeq: number) {
    super(`the event log moved on to seq ${lastSeq} (this writer expected ${expectedLastSeq}); nothing was written`);
    this.name = 'LogMovedOn';
  }
}

/** The newest seq of events and snapshots, read inside the transaction (lastSeq's meaning). */
async function lastSeqIn(trx: Transaction<Database>): Promise<number> {
  const ev = await trx.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  const snap = await trx.selectFrom('snapshots').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Math.max(Number(ev?.seq ?? 0), Number(snap?.seq ?? 0));
}

/**
 * In ONE transaction: take the writers' lock (PostgreSQL's pg_advisory_xact_lock; on
 * SQLite the write lock serializes), check the log ends at `expectedLastSeq` (else roll
 * back and throw LogMovedOn), insert and project as appendEvents does, and on
 * PostgreSQL NOTIFY the batch's last seq, delivered when the transaction commits.
 */
export async function appendEventsAfter(db: Kysely<Database>, events: readonly EventRecord[], expectedLastSeq: number): Promise<void> {
  if (events.length === 0) return;
  const postgres = eventLogKind(db) === 'postgres';
  const { sql } = kysely();
  const rows = storedRows(events);
  const trx = await db.startTransaction().execute();
  try {
    if (postgres) await sql`select pg_advisory_xact_lock(${appendLockKey})`.execute(trx);
    const last = await lastSeqIn(trx);
    if (last !== expectedLastSeq) throw new LogMovedOn(last, expectedLastSeq);
    await insertAndProject(trx, rows);
    if (postgres) await sql`select pg_notify(${appendsChannel}, ${String(events[events.length - 1].seq)})`.execute(trx);
    await trx.commit().execute();
  } catch (e) {
    await trx.rollback().execute().catch(() => undefined);
    throw e;
  }
}
