/**
 * The event log for people and tools: GET /kubelab/v1/events as newline-delimited
 * JSON, filtered, from a seq, optionally following new events as they commit.
 */
import type { ServerResponse } from 'node:http';
import { badRequest } from '@kubelab/api';
import type { EventFilter, EventRecord } from '@kubelab/event-store';
import type { CommittedChange } from '../store/committed-change.js';
import type { WatchHub } from '../store/watch-hub.js';
import type { Query } from './request-options.js';

export type LogReader = (filter: EventFilter) => Promise<EventRecord[]>;

function line(e: EventRecord | CommittedChange): string {
  const object = 'object' in e ? e.object : JSON.parse(e.data);
  return `${JSON.stringify({ seq: e.seq, time: e.time, type: e.type, kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, actor: e.actor, cause: e.cause, object })}\n`;
}

const pageSize = 2000;

/** Streams the log; with follow=true it stays open and appends new events. */
export async function streamEventLog(res: ServerResponse, query: Query, readLog: LogReader, hub: WatchHub): Promise<void> {
  const since = query.since === undefined ? 0 : Number(query.since);
  if (!Number.isInteger(since) || since < 0) throw badRequest('since must be a seq number (0 or more)');
  const filter = { kind: query.kind || undefined, namespace: query.namespace, name: query.name || undefined };
  const matches = (c: CommittedChange) =>
    (!filter.kind || c.kind === filter.kind) && (filter.namespace === undefined || c.namespace === filter.namespace) && (!filter.name || c.name === filter.name);
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  res.flushHeaders();
  let last = since;
  const buffered: CommittedChange[] = [];
  let live = false;
  const follow = query.follow === 'true';
  const unsubscribe = follow
    ? hub.subscribe((c) => {
        if (!live) buffered.push(c);
        else if (c.seq > last) {
          last = c.seq;
          if (matches(c)) res.write(line(c));
        }
      })
    : () => undefined;
  res.on('close', unsubscribe);
  for (;;) {
    const page = await readLog({ ...filter, afterSeq: last, limit: pageSize });
    for (const e of page) res.write(line(e));
    if (page.length > 0) last = page[page.length - 1].seq;
    if (page.length < pageSize) break;
  }
  if (!follow) {
    res.end();
    return;
  }
  for (const c of buffered.splice(0)) {
    if (c.seq > last && matches(c)) res.write(line(c));
    last = Math.max(last, c.seq);
  }
  live = true;
}
