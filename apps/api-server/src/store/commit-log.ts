/** The event log as the committer writes and follows it: one api-server on SQLite, or several sharing a PostgreSQL database. */
import { appendEvents, appendEventsAfter, lastSeq, readEvents, type Database } from '@kubelab/event-store';
import type { Kysely } from 'kysely';
import type { CommitLog } from './committer.js';

/**
 * On PostgreSQL each append is checked against the log's head inside its transaction (another api-server may have
 * appended); on SQLite this api-server is the log's only writer and appends without asking.
 */
export function commitLogOf(db: Kysely<Database>, shared: boolean, name: string): CommitLog {
  return {
    shared,
    name,
    append: shared ? (records, after) => appendEventsAfter(db, records, after) : (records) => appendEvents(db, records),
    readAfter: (seq, limit) => readEvents(db, { afterSeq: seq, limit }),
    head: () => lastSeq(db),
  };
}
