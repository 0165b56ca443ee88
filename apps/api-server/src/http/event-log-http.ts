/**
 * The event log for people and tools, under /kubelab/v1:
 * - GET events: newline-delimited JSON, filtered, from a seq or a time, up to a seq,
 *   optionally following new events as they commit;
 * - GET events/{seq}: one entry, for walking `cause` links back;
 * - GET state?at=SEQ|time=T: every object as it was then, folded from the log by the
 *   event store's own `replay` (the same fold that proves state is a function of events),
 *   written one object per line so neither the server nor a reader holds the whole text.
 */
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ApiError, badRequest, expired, type LogEventMeta } from '@kubelab/api';
import { storedObjectData, type EventFilter, type EventRecord, type Projection } from '@kubelab/event-store';
import type { CommittedChange } from '../store/committed-change.js';
import type { WatchHub } from '../store/watch-hub.js';
import { entryMatches, parseEventLogQuery, type EventLogQuery } from './event-log-query.js';
import type { Query } from './request-options.js';

/** What the log endpoints read: the stored events, their fold, and where the log begins and ends. */
export interface EventLog {
  read(filter: EventFilter): Promise<EventRecord[]>;
  /** The projection at a seq, each object's data left as stored. */
  fold(toSeq: number): Promise<{ projection: Projection; seq: number }>;
  lastSeq(): number;
  /** Events at or before this seq are compacted into a snapshot (0: none are). */
  horizon(): number;
}

function entryJson(e: EventRecord | CommittedChange): string {
  const object = 'object' in e ? e.object : JSON.parse(e.data);
  return JSON.stringify({ seq: e.seq, time: e.time, type: e.type, kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, actor: e.actor, cause: e.cause, object });
}

const pageSize = 2000;

/** The seq just before the first event after `time` (the log's end when there is none). */
async function seqAtTime(log: EventLog, time: string): Promise<number> {
  const [first] = await log.read({ afterTime: time, limit: 1 });
  return first ? first.seq - 1 : log.lastSeq();
}

function storedFilter(q: EventLogQuery, afterSeq: number): EventFilter {
  return { kind: q.kind, namespace: q.namespace, name: q.name, afterSeq, toSeq: q.until, limit: pageSize };
}

/**
 * Streams the log; with follow=true (and no `until`) it stays open and appends new events. Read a page at a time,
 * each written once the client has taken the last and the api-server's other work has had its turn.
 */
export async function streamEventLog(res: ServerResponse, query: Query, log: EventLog, hub: WatchHub): Promise<void> {
  const q = parseEventLogQuery(query);
  const since = q.sinceTime === undefined ? q.since : Math.max(q.since, await seqAtTime(log, q.sinceTime));
  const follow = q.follow && q.until === undefined;
  const matches = (e: LogEventMeta) => entryMatches(q, e);
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  res.flushHeaders();
  let last = since;
  const buffered: CommittedChange[] = [];
  let live = false;
  const unsubscribe = follow
    ? hub.subscribe((c) => {
        if (!live) buffered.push(c);
        else if (c.seq > last) {
          last = c.seq;
          if (matches(c)) res.write(`${entryJson(c)}\n`);
        }
      })
    : () => undefined;
  res.on('close', unsubscribe);
  for (;;) {
    const page = await log.read(storedFilter(q, last));
    const text = page.filter(matches).map((e) => `${entryJson(e)}\n`).join('');
    if (page.length > 0) last = page[page.length - 1].seq;
    if (page.length < pageSize) {
      res.write(text);
      break;
    }
    if (!res.write(text)) await drainedOrClosed(res);
    else await nextTurn();
    if (res.destroyed) return;
  }
  if (!follow) {
    res.end();
    return;
  }
  for (const c of buffered.splice(0)) {
    if (c.seq > last && matches(c)) res.write(`${entryJson(c)}\n`);
    last = Math.max(last, c.seq);
  }
  live = true;
}

function compacted(seq: number, log: EventLog) {
  return expired(`seq ${seq} is before the compaction horizon (${log.horizon()}): the log keeps only a snapshot of what came before`);
}

function noSuchEntry(seq: number, log: EventLog): ApiError {
  const message = `the event log has no entry ${seq}: it ends at ${log.lastSeq()}`;
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', details: { name: String(seq), kind: 'events' }, code: 404 });
}

/** One entry by seq, as JSON; 404 when the log has no such seq, 410 when it was compacted away. */
export async function eventLogEntry(seqText: string, log: EventLog): Promise<string> {
  const seq = Number(seqText);
  if (!Number.isInteger(seq) || seq < 1) throw badRequest(`an event is addressed by its seq (1 or more), got "${seqText}"`);
  if (seq <= log.horizon()) throw compacted(seq, log);
  const [entry] = await log.read({ afterSeq: seq - 1, toSeq: seq, limit: 1 });
  if (!entry) throw noSuchEntry(seq, log);
  return entryJson(entry);
}

/** The seq `state` folds to: `at`, the last event at or before `time`, or the log's end. */
async function stateSeq(query: Query, log: EventLog): Promise<number> {
  if (query.at !== undefined && query.time !== undefined) throw badRequest('give at (a seq) or time, not both');
  if (query.time !== undefined) {
    const time = new Date(query.time);
    if (Number.isNaN(time.getTime())) throw badRequest(`time must be an RFC 3339 time such as 2026-11-22T10:00:00Z, got "${query.time}"`);
    return seqAtTime(log, time.toISOString());
  }
  if (query.at === undefined) return log.lastSeq();
  const at = Number(query.at);
  if (query.at.trim() === '' || !Number.isInteger(at) || at < 0) throw badRequest(`at must be a seq number (0 or more), got "${query.at}"`);
  if (at > log.lastSeq()) throw badRequest(`at ${at} is past the end of the event log (seq ${log.lastSeq()})`);
  return at;
}

const collator = new Intl.Collator();

/** Characters gathered before a write of the state: fewer writes than objects, and never much text at once. */
const writeChunk = 64 * 1024;

/** Resolves once the response takes more (drain) or has gone (close), leaving no listener behind. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/**
 * Every object as the log leaves it at a seq, sorted by kind, namespace and name: a ClusterState whose items are each
 * on a line of their own (JSON text has no raw newline inside), so a reader can take them one by one. Each is decoded
 * as it is written, and writing waits while the client reads, so a state of any size is never held as text; between
 * two writes the api-server's other work runs, so a state of 100,000 pods does not stop the cluster while it is written.
 */
export async function streamClusterState(res: ServerResponse, query: Query, log: EventLog): Promise<void> {
  const seq = await stateSeq(query, log);
  if (seq < log.horizon()) throw compacted(seq, log);
  const { projection } = await log.fold(seq);
  const objects = [...projection.values()].sort((a, b) => collator.compare(a.kind, b.kind) || collator.compare(a.namespace, b.namespace) || collator.compare(a.name, b.name));
  res.writeHead(200, { 'Content-Type': 'application/json' });
  let text = `{"kind":"ClusterState","apiVersion":"kubelab/v1","seq":${seq},"items":[`;
  for (let i = 0; i < objects.length; i++) {
    text += `${i === 0 ? '' : ','}\n${storedObjectData(objects[i])}`;
    if (text.length < writeChunk) continue;
    if (!res.write(text)) await drainedOrClosed(res);
    else await nextTurn();
    if (res.destroyed) return;
    text = '';
  }
  res.end(`${text}\n]}\n`);
}
