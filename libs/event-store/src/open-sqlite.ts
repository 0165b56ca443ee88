/** Opens the event log on a SQLite file: WAL so readers never block the writer. */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

/**
 * synchronous=NORMAL in WAL mode keeps every committed transaction across a killed
 * process (the OS has the pages); only a power cut can lose the newest commits.
 */
export function openSqlite(file: string): Kysely<Database> {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // bigint columns come back as JS numbers: seqs stay far below 2^53.
  sqlite.defaultSafeIntegers(false);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/**
 * Opens an existing log file to read only (`kubelab check` on a stopped lab): no
 * pragma that writes, no migration, and a missing file is an error rather than a new log.
 * (A WAL database still gets its -wal/-shm companions, which SQLite needs to read it.)
 */
export function openSqliteReadonly(file: string): Kysely<Database> {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.defaultSafeIntegers(false);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
