/**
 * The event log as the bench measures it, on SQLite or PostgreSQL: its size on disk, and
 * how long replaying all of it into a projection takes (libs/event-store's replay, the
 * same fold the api-server and `kubelab verify` use).
 */
import { existsSync, statSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openSqlite, replay, type Database } from '@kubelab/event-store';

export interface LogFootprint {
  /** Bytes the log takes now: for SQLite the database file and its WAL, for PostgreSQL pg_total_relation_size of the schema's tables (indexes and TOAST included). */
  bytes(): Promise<number>;
  /** Seconds to replay the whole log, and the objects it gave. */
  replay(): Promise<{ seconds: number; objects: number; seq: number }>;
  close(): Promise<void>;
}

const isPostgres = (database: string) => /^postgres(ql)?:\/\//.test(database);

async function timedReplay(db: Kysely<Database>): Promise<{ seconds: number; objects: number; seq: number }> {
  const began = process.hrtime.bigint();
  const { projection, seq } = await replay(db);
  return { seconds: Number(process.hrtime.bigint() - began) / 1e9, objects: projection.size, seq };
}

function sqliteFootprint(file: string): LogFootprint {
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return {
    bytes: async () => size(file) + size(`${file}-wal`),
    replay: async () => {
      const db = openSqlite(file, { readonly: true });
      try {
        return await timedReplay(db);
      } finally {
        await db.destroy();
      }
    },
    close: async () => undefined,
  };
}

function postgresFootprint(url: string): LogFootprint {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
  return {
    bytes: async () => {
      const { rows } = await sql<{ bytes: string }>`select coalesce(sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)::regclass)), 0) as bytes
        from pg_tables where schemaname = current_schema()`.execute(db);
      return Number(rows[0].bytes);
    },
    replay: () => timedReplay(db),
    close: () => db.destroy(),
  };
}

/** The log of a lab whose api-server was given `database`: a SQLite file or a postgres:// URL. */
export function logFootprint(database: string): LogFootprint {
  return isPostgres(database) ? postgresFootprint(database) : sqliteFootprint(database);
}
