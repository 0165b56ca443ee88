/**
 * `kubelab export` and `kubelab import`, for sharing a drill. Export writes the log
 * as NDJSON (one GET /kubelab/v1/events line per entry). Import writes a whole
 * exported log into the database of a new, stopped data dir through the event
 * store's own append (events and projection in one transaction), so
 * `kubelab up --data-dir DIR` starts with that history: every command (events, why,
 * replay, verify) then works on it. State is a fold of the log from seq 1, so only a
 * whole log (an export without --since, of a lab never compacted) can be imported.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEventMeta } from '@kubelab/api';
import { appendEvents, isPostgresUrl, lastSeq, maskDatabase, migrateToLatest, openEventLog, type EventRecord } from '@kubelab/event-store';
import { logStream } from './log-client.js';

/** Copies the matching entries, as the api-server sends them, to `write`. */
export async function exportLog(apiUrl: string, params: Record<string, string | undefined>, write: (chunk: Uint8Array) => void): Promise<void> {
  for await (const chunk of await logStream(apiUrl, params)) write(chunk);
}

const text = (v: unknown) => typeof v === 'string';

/** A line of an export: an event-log entry as GET /kubelab/v1/events sends it. */
type ExportedEntry = LogEventMeta & { object: object };

/** The line's JSON is an event-log entry: every field there, of its type. */
function isExportedEntry(v: unknown): v is ExportedEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return Number.isInteger(e.seq) && [e.time, e.type, e.kind, e.namespace, e.name, e.uid, e.actor].every(text)
    && (e.cause === null || Number.isInteger(e.cause)) && typeof e.object === 'object' && e.object !== null;
}

/** The entries of an export as stored records; throws with the line at fault unless they run gap-free from seq 1. */
export function parseExport(ndjson: string): EventRecord[] {
  const records: EventRecord[] = [];
  const lines = ndjson.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let e: unknown;
    try {
      e = JSON.parse(lines[i]);
    } catch {
      throw new Error(`line ${i + 1} is not JSON: an export has one event-log entry per line`);
    }
    if (!isExportedEntry(e)) throw new Error(`line ${i + 1} is not an event-log entry (seq, time, type, kind, namespace, name, uid, actor, cause, object)`);
    const expected = records.length + 1;
    if (e.seq !== expected) {
      throw new Error(expected === 1
        ? `the export starts at seq ${e.seq}, not 1: import needs the whole log (kubelab export without --since, from a lab never compacted)`
        : `line ${i + 1} has seq ${e.seq} where ${expected} should follow: the export has a gap`);
    }
    records.push({ seq: e.seq, time: e.time, type: e.type, kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, actor: e.actor, cause: e.cause, data: JSON.stringify(e.object) });
  }
  if (records.length === 0) throw new Error('the export is empty');
  return records;
}

/** Writes the records into DIR/events.sqlite (or the PostgreSQL database at `database`), which must not hold any event yet; returns where, fit to print. */
export async function importLog(records: readonly EventRecord[], dataDir: string, database?: string): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const file = database ?? join(dataDir, 'events.sqlite');
  const existed = isPostgresUrl(file) || existsSync(file);
  const { db, location } = openEventLog(file);
  try {
    await migrateToLatest(db);
    if (existed && (await lastSeq(db)) > 0) throw new Error(`${maskDatabase(file)} already holds an event log: import into a new ${database ? 'database' : 'data dir'}`);
    await appendEvents(db, records);
  } finally {
    await db.destroy();
  }
  return location;
}
