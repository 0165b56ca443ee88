/**
 * The compaction horizon: events up to a seq are folded into the snapshot and dropped,
 * so the log does not grow without bound. Watches from before it get 410 Gone.
 */
import type { Kysely } from 'kysely';
import { lastChangeSeqs, upsertLastChanges } from './append.js';
import { horizonSeq } from './read.js';
import type { Database } from './schema.js';

/**
 * Folds the events after the snapshot up to `horizon` into it, in one transaction: in the database, a row per object, so
 * neither the projection nor its text is ever held whole (at 100,000 pods the text alone was past V8's longest string).
 */
export async function compactLog(db: Kysely<Database>, horizon: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const from = await horizonSeq(trx);
    const last = await trx.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('seq', '<=', horizon).executeTakeFirst();
    const seq = Number(last?.seq ?? 0);
    if (seq <= from) return;
    await upsertLastChanges(trx, 'snapshot_objects', from + 1, seq);
    // Driven by the removals (each found by the snapshot's key), not by a look into the events for every snapshot row.
    await trx.deleteFrom('snapshot_objects')
      .where(({ eb, refTuple }) => eb(refTuple('kind', 'namespace', 'name'), 'in', eb.selectFrom('events').select(['kind', 'namespace', 'name'])
        .where((e) => e('seq', 'in', lastChangeSeqs(e, from + 1, seq)))
        .where('type', 'like', '%Deleted')
        .$asTuple('kind', 'namespace', 'name')))
      .execute();
    await trx.insertInto('snapshots').values({ seq, time: now.toISOString() }).onConflict((oc) => oc.column('seq').doNothing()).execute();
    await trx.deleteFrom('events').where('seq', '<=', seq).execute();
    await trx.deleteFrom('snapshots').where('seq', '<', seq).execute();
  });
}
