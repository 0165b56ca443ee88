/** Opens the event log on a SQLite file: WAL so readers never block the writer. */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, SqliteDatabase } from 'kysely';
import { kysely, sqliteDriver } from './drivers.js';
import type { Database } from './schema.js';

/** How many compiled statements a log keeps: an append's few (an INSERT per small batch size, the projection's upsert, BEGIN, COMMIT) and the reads'. */
const statementsKept = 64;

/**
 * The longest SQL whose statement is kept: an INSERT of up to some thirty rows. A statement is compiled to a program of
 * some opcodes per row: 128 kept INSERTs of 100-227 rows held 20.7 MiB (32 of 1-32 rows, 0.4 MiB), and the api-server's
 * peak while 10,000 pods started was 20-30 MiB higher with them. A batch that large is compiled once and costs little
 * beside its rows.
 */
const longestKept = 1024;

/**
 * The database as Kysely is given it: each SQL text compiled by SQLite once, not once per query as Kysely's driver asks.
 * The api-server appends in small batches (one to a few changes while pods start), each four statements, and compiling
 * them again (the projection's upsert most) was a fifth of an append's CPU: 570 µs a batch of one to five pod rows
 * against 717, six rounds each. Kysely runs one query at a time on its one connection (a streamed one holds it to its
 * end), so a statement is never asked for while it is still being read. The oldest SQL is forgotten past statementsKept.
 */
function compiledOnce(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      const kept = statements.get(sql);
      if (kept) return kept;
      const statement = sqlite.prepare(sql);
      if (sql.length > longestKept) return statement;
      if (statements.size >= statementsKept) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
      return statement;
    },
  };
}

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
  return new Handle<Database>({ dialect: new SqliteDialect({ database: compiledOnce(sqlite) }) });
}

