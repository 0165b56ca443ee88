/** What a database argument names, read without a database driver: the supervisor and the CLI ask it without opening one. */

/** True when `database` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/** The database as logs and status output may show it: a URL's password replaced by `***`. */
export function maskDatabase(database: string): string {
  if (!isPostgresUrl(database)) return database;
  try {
    const url = new URL(database);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return database.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}
