/**
 * Opens the event log where `--database` points: a SQLite file (the default, one
 * api-server) or a PostgreSQL database given as a postgres:// URL (several
 * api-servers on one log). Both run the same migrations and the same queries.
 */
import type { Kysely } from 'kysely';
import type { CustomTypesConfig, Pool } from 'pg';
import { kysely, pgDriver } from './drivers.js';
import { isPostgresUrl, maskDatabase } from './database-url.js';
import { openSqlite } from './open-sqlite.js';
import type { Database } from './schema.js';

export type EventLogKind = 'sqlite' | 'postgres';

/** An open log: the Kysely handle, which engine holds it, and where, fit to print (no password). */
export interface EventLog {
  db: Kysely<Database>;
  kind: EventLogKind;
  location: string;
}

export interface OpenEventLogOptions {
  /** SQLite only: how long one statement waits for another process's lock. */
  busyTimeoutMs?: number;
  /** Reads only: SQLite opens the file read-only, PostgreSQL refuses writes in every transaction. */
  readonly?: boolean;
  /** PostgreSQL only: called with an error of an idle pooled connection (the server went away); the next query reports it too. */
  onIdleError?: (e: Error) => void;
}

/** int8 (bigint) columns and counts come back as JS numbers, as from SQLite: seqs stay far below 2^53. */
const int8AsNumber = (): CustomTypesConfig => {
  const { types } = pgDriver();
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === types.builtins.INT8 ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
  };
};

/** A pg pool for the log: int8 as numbers, a bounded connect wait, idle-connection errors reported instead of crashing the process. */
export function openPostgresPool(url: string, options: Pick<OpenEventLogOptions, 'readonly' | 'onIdleError'> = {}): Pool {
  const pool = new (pgDriver().Pool)({
    connectionString: url,
    types: int8AsNumber(),
    max: 10,
    connectionTimeoutMillis: 5000,
    ...(options.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  pool.on('error', (e) => options.onIdleError?.(e));
  // A checked-out client has no listener of the pool's: a server gone between two queries of a transaction
  // must fail the next query (it does: the client is no longer queryable), not crash the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Opens the log at `database`: a postgres:// URL or a SQLite file path. */
export function openEventLog(database: string, options: OpenEventLogOptions = {}): EventLog {
  if (isPostgresUrl(database)) {
    const { Kysely: Handle, PostgresDialect } = kysely();
    const db = new Handle<Database>({ dialect: new PostgresDialect({ pool: openPostgresPool(database, options) }) });
    return { db, kind: 'postgres', location: maskDatabase(database) };
  }
  return { db: openSqlite(database, options), kind: 'sqlite', location: database };
}

/** Which engine a Kysely handle of the log talks to. */
export function eventLogKind(db: Kysely<Database>): EventLogKind {
  return db.getExecutor().adapter instanceof kysely().PostgresAdapter ? 'postgres' : 'sqlite';
}
