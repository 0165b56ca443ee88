/**
 * The compaction horizon: events up to a seq are folded into a snapshot and dropped,
 * so the log does not grow without bound. Watches from before it get 410 Gone.
 */
import type { Kysely } from 'kysely';
import { replay } from './replay.js';
import type { Database } from './schema.js';

/** Summarises every event with seq ≤ horizon into one snapshot, in one transaction. */
export async function compactLog(db: Kysely<Database>, horizon: number, now: Date): Promise<void> {
  const { projection, seq } = await replay(db, { toSeq: horizon });
  if (seq === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('snapshots')
      .values({ seq, time: now.toISOString(), data: JSON.stringify([...projection.values()]) })
      .onConflict((oc) => oc.column('seq').doNothing())
      .execute();
    await trx.deleteFrom('events').where('seq', '<=', seq).execute();
    await trx.deleteFrom('snapshots').where('seq', '<', seq).execute();
  });
}
