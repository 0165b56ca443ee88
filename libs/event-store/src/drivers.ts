/**
 * Kysely and the database drivers, loaded when a log is first opened or written rather than when the lib is imported: a
 * process that only names a database (the supervisor masks a URL, tells SQLite from PostgreSQL) carries none of them,
 * about 20 MiB. Their CommonJS builds, through this one loader, so that every user of the lib shares one copy of Kysely
 * (eventLogKind tells the engines apart by Kysely's own adapter class).
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const kysely = (): typeof import('kysely') => load('kysely') as typeof import('kysely');
export const pgDriver = (): typeof import('pg') => load('pg') as typeof import('pg');
export const sqliteDriver = (): typeof import('better-sqlite3') => load('better-sqlite3') as typeof import('better-sqlite3');
