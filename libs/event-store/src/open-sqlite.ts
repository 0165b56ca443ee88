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
