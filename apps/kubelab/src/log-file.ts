/**
 * The event log read straight from a stopped lab's SQLite file or PostgreSQL database,
 * read-only: how `kubelab export` and `kubelab check` reach a log the api-server will
 * not serve (a damaged one, or a lab that is not running). Reading stops at the first
 * event that cannot be read back, and says where: everything before it is the good part.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDamage, isPostgresUrl, openEventLog, readEvents, type EventRecord } from '@kubelab/event-store';
import type { LogEntry } from '@kubelab/event-log';

/** The log file of a data dir. */
export const logFileOf = (dataDir: string) => join(dataDir, 'events.sqlite');

/** Where `kubelab up --database URL` leaves the URL, so that the lab's log is found once it is stopped (lab.json goes with it). */
const databaseFileOf = (dataDir: string) => join(dataDir, 'database.url');

/** Notes the PostgreSQL URL of the lab in its data dir, readable by its owner only (it may hold a password). */
export function rememberLabDatabase(dataDir: string, url: string): void {
  writeFileSync(databaseFileOf(dataDir), `${url}\n`, { mode: 0o600 });
}

/** The lab's log: the --database given, else the URL its `kubelab up --database` noted, else DIR/events.sqlite. */
export function logDatabaseOf(dataDir: string, given?: string): string {
  if (given) return given;
  const noted = databaseFileOf(dataDir);
  return existsSync(noted) ? readFileSync(noted, 'utf8').trim() : logFileOf(dataDir);
}

/** An entry as GET /kubelab/v1/events sends it. */
export function entryOf(e: EventRecord): LogEntry {
  return { seq: e.seq, time: e.time, type: e.type, kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, actor: e.actor, cause: e.cause, object: JSON.parse(e.data) };
}

export interface FileRead {
  /** The newest seq read back whole (the one before `afterSeq`'s successor when none was). */
  lastGood: number;
  /** Why reading stopped before `until`, when it did. */
  damage?: string;
}

const pageSize = 1000;

/**
 * Calls `onEntry` for each event after `afterSeq` up to `until`, in seq order. A page
 * that fails is read again one event at a time, so `lastGood` is exact.
 */
export async function readLogFile(file: string, range: { afterSeq?: number; until?: number }, onEntry: (e: LogEntry) => void): Promise<FileRead> {
  if (!isPostgresUrl(file) && !existsSync(file)) throw new Error(`${file} does not exist: give the --data-dir of a lab`);
  let db;
  try {
    db = openEventLog(file, { readonly: true }).db;
  } catch (e) {
    if (isDamage(e)) return { lastGood: range.afterSeq ?? 0, damage: (e as Error).message };
    throw e;
  }
  let last = range.afterSeq ?? 0;
  try {
    for (let size = pageSize; ; ) {
      let page: EventRecord[];
      try {
        page = await readEvents(db, { afterSeq: last, toSeq: range.until, limit: size });
        page.forEach((e) => JSON.parse(e.data));
      } catch (e) {
        if (!isDamage(e) && !(e instanceof SyntaxError)) throw e;
        if (size > 1) {
          size = 1;
          continue;
        }
        return { lastGood: last, damage: e instanceof SyntaxError ? `event ${last + 1} holds no JSON object` : (e as Error).message };
      }
      if (page.length === 0) return { lastGood: last };
      for (const e of page) {
        if (e.seq !== last + 1 && last !== (range.afterSeq ?? 0)) return { lastGood: last, damage: `seq ${last} is followed by seq ${e.seq}` };
        onEntry(entryOf(e));
        last = e.seq;
      }
    }
  } finally {
    await db.destroy();
  }
}
