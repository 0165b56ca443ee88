/** Runs the frozen migrations in order; the api-server calls it at start-up. */
import type { Kysely, Migration } from 'kysely';
import { kysely } from './drivers.js';
import * as initial from './migrations/2026-11-22-initial.js';
import * as deflatedRows from './migrations/2026-11-24-deflated-rows.js';
import * as snapshotObjects from './migrations/2026-11-26-snapshot-objects.js';
import type { Database } from './schema.js';

const migrations: Record<string, Migration> = { '2026-11-22-initial': initial, '2026-11-24-deflated-rows': deflatedRows, '2026-11-26-snapshot-objects': snapshotObjects };

/** Brings the database to the newest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new (kysely().Migrator)({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
