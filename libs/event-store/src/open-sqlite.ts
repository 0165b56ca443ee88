/** Opens the event log on a SQLite file: WAL so readers never block the writer. */
import type { Kysely } from 'kysely';
import { kysely, sqliteDriver } from './drivers.js';
import type { Database } from './schema.js';

/**
 * synchronous=NORMAL in WAL mode keeps every committed transaction across a killed
 * process (the OS has the pages); only a power cut can lose the newest commits.
 */
export function openSqlite(file: string, options: { busyTimeoutMs?: number; readonly?: boolean } = {}): Kysely<Database> {
  const SQLite = sqliteDriver();
  const sqlite = new SQLite(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // The WAL is cut back to nothing each time a checkpoint lets it start over, so it does not keep the room of its
    // largest burst (the Gateway API's CRDs, a few MB at a lab's first start) on the user's disk; and a write on a full
    // disk then fails as it is made, not later, once it outgrows the room the WAL kept.
    sqlite.pragma('journal_size_limit = 0');
  }
  // SQLite waits for a lock synchronously: a server keeps this short and waits longer between attempts instead.
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  // bigint columns come back as JS numbers: seqs stay far below 2^53.
  sqlite.defaultSafeIntegers(false);
  const { Kysely: Handle, SqliteDialect } = kysely();
  return new Handle<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

