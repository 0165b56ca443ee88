/**
 * A snapshot's objects one row each (`snapshot_objects`, the projection at the newest snapshot's seq) instead of one
 * JSON text of them all in `snapshots.data`: at 100,000 pods that text is longer than the longest string V8 makes
 * (about 512 MiB), so the snapshot could not be written, and compaction had to fold the whole log in memory first.
 * The newest snapshot's objects move into rows, older snapshots (which nothing read) go, and `snapshots` keeps the
 * seq and time. Frozen.
 */
import type { Kysely } from 'kysely';

/** The tables as this migration finds and leaves them. */
interface Tables {
  snapshots: { seq: number; time: string; data: string };
  snapshot_objects: { kind: string; namespace: string; name: string; uid: string; resource_version: number; data: string };
}

/** One object of a snapshot as the first schema wrote it, inside its `data`. */
interface SnapshotObject {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: number;
  data: string;
}

const rowsPerInsert = 500;

export async function up(database: Kysely<unknown>): Promise<void> {
  const db = database as unknown as Kysely<Tables>;
  await db.schema
    .createTable('snapshot_objects')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('resource_version', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshot_objects_pk', ['kind', 'namespace', 'name'])
    .execute();
  const newest = await db.selectFrom('snapshots').select(['seq', 'data']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (newest) {
    const objects = JSON.parse(newest.data) as SnapshotObject[];
    for (let i = 0; i < objects.length; i += rowsPerInsert) {
      await db.insertInto('snapshot_objects')
        .values(objects.slice(i, i + rowsPerInsert).map((o) => ({ kind: o.kind, namespace: o.namespace, name: o.name, uid: o.uid, resource_version: o.resourceVersion, data: o.data })))
        .execute();
    }
    await db.deleteFrom('snapshots').where('seq', '<', newest.seq).execute();
  }
  await db.schema.alterTable('snapshots').dropColumn('data').execute();
}
