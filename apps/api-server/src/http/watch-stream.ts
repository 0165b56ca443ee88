/**
 * A Kubernetes watch over HTTP: headers flushed at once, one JSON event per line,
 * a synthetic ADDED per object when started without a resourceVersion, resume from
 * a resourceVersion without gaps (memory, then the log), 410 Expired before the
 * compaction horizon, bookmarks on request, and an end at timeoutSeconds.
 */
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { expired, isAuditEntry, storeKindOf, type KubeObject, type ResourceType, type WatchEventType } from '@kubelab/api';
import { selected, type Selectors } from '../api.service.js';
import type { CommittedChange } from '../store/committed-change.js';
import type { StoredObject } from '../store/object-store.js';
import { loggedSpan, type RememberedChange, type WatchHub } from '../store/watch-hub.js';
import type { WatchDeliveries } from './watch-deliveries.js';

export interface WatchRequest {
  resource: ResourceType;
  namespace?: string;
  selectors: Selectors;
  resourceVersion?: string;
  allowBookmarks: boolean;
  timeoutSeconds: number;
  /** Turns an object into what the stream carries (a Table row, or itself). */
  render: (obj: KubeObject) => unknown;
}

export interface WatchSources {
  hub: WatchHub;
  lastSeq: () => number;
  oldestResumableSeq: () => number;
  /** Changes of `kind` after seq `after` up to seq `through`, read from the event log, for resumes older than memory. */
  changesSince: (after: number, kind: string, through: number) => Promise<CommittedChange[]>;
  bookmarkIntervalMs: number;
  /** With --record-watch-deliveries: what each watch was sent, in order. */
  deliveries?: WatchDeliveries;
}

/**
 * What a watcher with these selectors sees of a change (selector moves become ADDED/DELETED).
 * An audit entry changes no object, so no watch sees it; its seq still moves lists and bookmarks on.
 */
export function visibleEvent(change: RememberedChange, w: Pick<WatchRequest, 'resource' | 'namespace' | 'selectors'>): WatchEventType | undefined {
  if (isAuditEntry(change.type) || change.kind !== storeKindOf(w.resource)) return undefined;
  if (w.namespace !== undefined && w.resource.namespaced && change.namespace !== w.namespace) return undefined;
  const now = selected(change.object, w.selectors);
  if (change.watchType === 'DELETED') return now ? 'DELETED' : undefined;
  if (change.watchType === 'ADDED') return now ? 'ADDED' : undefined;
  if (!change.previous) return now ? 'MODIFIED' : undefined;
  const before = selected(change.previous, w.selectors);
  if (now) return before ? 'MODIFIED' : 'ADDED';
  return before ? 'DELETED' : undefined;
}

/**
 * Delivers the changes of `kind` after `from`: from the hub's memory once it reaches back, before that from the log a
 * span at a time. False when the log was compacted past what was still to be read (the watch has expired).
 */
export async function catchUp(from: number, kind: string, sources: WatchSources, deliver: (c: RememberedChange) => void, gone: () => boolean): Promise<boolean> {
  for (let read = from; ; ) {
    const remembered = sources.hub.since(read);
    if (remembered) {
      remembered.forEach(deliver);
      return true;
    }
    const newest = sources.lastSeq();
    if (read >= newest || gone()) return true;
    if (read < sources.oldestResumableSeq()) return false;
    const through = Math.min(newest, read + loggedSpan);
    (await sources.changesSince(read, kind, through)).forEach(deliver);
    read = through;
    await nextTurn();
  }
}

/** Streams until the client goes, the timeout passes, or the server stops. */
export async function streamWatch(res: ServerResponse, w: WatchRequest, sources: WatchSources, current: () => StoredObject[]): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  const write = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
  let lastSent = 0;
  const buffered: RememberedChange[] = [];
  let live = false;
  let noteDelivery: ((seq: number) => void) | undefined;
  const deliver = (c: RememberedChange) => {
    if (c.seq <= lastSent) return;
    lastSent = c.seq;
    const type = visibleEvent(c, w);
    if (!type) return;
    noteDelivery?.(c.seq);
    write(type, w.render(c.object));
  };
  const unsubscribe = sources.hub.subscribe((c) => (live ? deliver(c) : buffered.push(c)));
  const timers: NodeJS.Timeout[] = [];
  const finish = () => {
    unsubscribe();
    timers.forEach(clearTimeout);
    timers.forEach(clearInterval);
    if (!res.writableEnded) res.end();
  };
  res.on('close', finish);
  const watchPath = `${w.resource.plural}${w.namespace ? ` in ${w.namespace}` : ''}`;
  const rv = w.resourceVersion;
  if (rv === undefined || rv === '' || rv === '0') {
    lastSent = sources.lastSeq();
    noteDelivery = sources.deliveries?.open(watchPath, lastSent);
    for (const s of current()) {
      if (selected(s.object, w.selectors)) write('ADDED', w.render(s.object));
    }
  } else {
    const from = Number(rv);
    if (!Number.isInteger(from) || from < sources.oldestResumableSeq()) {
      write('ERROR', expired(`too old resource version: ${rv} (${sources.oldestResumableSeq()})`).status);
      finish();
      return;
    }
    lastSent = from;
    noteDelivery = sources.deliveries?.open(watchPath, from);
    if (!(await catchUp(from, storeKindOf(w.resource), sources, deliver, () => res.destroyed))) {
      write('ERROR', expired(`too old resource version: ${rv} (${sources.oldestResumableSeq()})`).status);
      finish();
      return;
    }
    if (res.destroyed) return;
  }
  buffered.splice(0).forEach(deliver);
  live = true;
  if (w.allowBookmarks) {
    const apiVersion = w.resource.group ? `${w.resource.group}/${w.resource.version}` : w.resource.version;
    timers.push(setInterval(() => write('BOOKMARK', { kind: w.resource.kind, apiVersion, metadata: { resourceVersion: String(Math.max(lastSent, sources.lastSeq())) } }), sources.bookmarkIntervalMs));
  }
  timers.push(setTimeout(finish, w.timeoutSeconds * 1000));
}
