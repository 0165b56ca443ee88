/**
 * The check the api-server makes of a log before it serves it. A torn last
 * transaction cannot happen with SQLite's WAL, but a copied, truncated or edited
 * file can: the newest events are read back (they sit at the end of the file, where
 * a truncation bites), each must hold an object, and the log must run gap-free from
 * the compaction horizon to its last seq.
 */
import type { Kysely } from 'kysely';
import { DamagedLogError } from './damaged-log.js';
import { horizonSeq, storedData } from './read.js';
import type { Database } from './schema.js';

/** Throws DamagedLogError (or SQLite's own corruption error) unless the log's tail reads back whole. */
export async function checkLogTail(db: Kysely<Database>, tailSize = 1000): Promise<void> {
  const tail = await db.selectFrom('events').select(['seq', 'data']).orderBy('seq', 'desc').limit(tailSize).execute();
  for (const [i, row] of tail.entries()) {
    const seq = Number(row.seq);
    if (i > 0 && Number(tail[i - 1].seq) !== seq + 1) throw new DamagedLogError(`seq ${seq} is followed by seq ${tail[i - 1].seq}`);
    let object: unknown;
    try {
      object = JSON.parse(storedData(row.data, `event ${seq}`));
    } catch {
      object = undefined;
    }
    if (typeof object !== 'object' || object === null) throw new DamagedLogError(`event ${seq} holds no object`);
  }
  const horizon = await horizonSeq(db);
  const counted = await db.selectFrom('events').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('seq').as('last')]).executeTakeFirstOrThrow();
  const last = Number(counted.last ?? horizon);
  const missing = last - horizon - Number(counted.n);
  if (missing !== 0) throw new DamagedLogError(`${Math.abs(missing)} events between seq ${horizon + 1} and ${last} are ${missing > 0 ? 'missing' : 'duplicated'}`);
}
