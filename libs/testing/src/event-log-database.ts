/**
 * A fresh, empty event log for a suite that runs on both engines: a new SQLite file,
 * or a new database on the one PostgreSQL server this test process shares (started
 * on first use, killed when the process ends).
 */
import { startPostgres, type TestPostgres } from './postgres-server.js';
import { tempSqliteFile } from './temp-dir.js';

/** The engines the log suites are run on; SQLite first, the default. */
export const eventLogKinds = ['sqlite', 'postgres'] as const;
export type TestEventLogKind = (typeof eventLogKinds)[number];

let shared: Promise<TestPostgres> | undefined;

/** The PostgreSQL server the log suites of this process share. */
export function sharedPostgres(): Promise<TestPostgres> {
  shared ??= startPostgres();
  return shared;
}

/** A `--database` value for a new, empty log: a SQLite file path or a postgres:// URL. */
export async function newEventLogDatabase(kind: TestEventLogKind): Promise<string> {
  return kind === 'sqlite' ? tempSqliteFile() : (await sharedPostgres()).newDatabase();
}
