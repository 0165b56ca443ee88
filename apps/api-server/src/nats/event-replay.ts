/**
 * Answers `kubelab.events.replay`: the events an informer missed (nats-server cut it off as a slow consumer, its
 * connection dropped, a cluster member was lost), from the watch hub's memory of recent changes. As kube-apiserver's
 * watch cache lets a reflector's watch resume from its last resourceVersion, an informer catches up with the events
 * it lacks instead of listing its whole kind again: at 100,000 pods every gap made a dozen whole-kind lists, and the
 * api-server, busy writing them, made more gaps. A span the hub no longer reaches back to is read from the log, as etcd
 * answers a watch from any revision it has not compacted; one older than the compaction horizon is answered `expired`.
 */
import type { NatsConnection, Subscription } from 'nats';
import { matchesAnyFieldSelector, parseFieldSelector, type FieldRequirement } from '@kubelab/api';
import { subjects, type EventReplayRequest } from '@kubelab/bus';
import type { Logger } from 'pino';
import { busEventOf } from './event-publisher.js';
import type { CommittedChange } from '../store/committed-change.js';
import { loggedSpan, type RememberedChange, type WatchHub } from '../store/watch-hub.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Room left in a reply for its frame and the last event that crosses the budget. */
const replyHeadroomBytes = 64 * 1024;

/** Where a replay reads: the hub's memory of recent changes, then the log, up to its compaction horizon. */
export interface ReplaySources {
  hub: WatchHub;
  /** The newest committed seq. */
  lastSeq(): number;
  /** The compaction horizon: events at or before it are only in the snapshot. */
  oldestResumableSeq(): number;
  /** The logged changes of `kind` after seq `after` up to seq `through`, in seq order, each with its object's JSON text. */
  logged(after: number, kind: string, through: number): Promise<CommittedChange[]>;
}

/** Whether the change is one the request asks for whole (a logged change's object after it only: the log keeps no before). */
function asked(request: EventReplayRequest, selectors: FieldRequirement[][], c: RememberedChange): boolean {
  if (c.kind !== request.kind || (request.namespace !== undefined && c.namespace !== request.namespace)) return false;
  if (selectors.length === 0) return true;
  return matchesAnyFieldSelector(selectors, c.object) || (c.previous !== undefined && matchesAnyFieldSelector(selectors, c.previous));
}

/**
 * A reply of the changes asked for among `changes` (in seq order after `request.after`), as many as fit `maxBytes`:
 * `through` is the last change looked at, or `end` when every one was (nothing else of the kind lies between them).
 */
function page(changes: readonly (RememberedChange & { json?: string })[], request: EventReplayRequest, maxBytes: number, end: number, newest: number): string {
  const selectors = (request.fieldSelectors ?? []).map(parseFieldSelector);
  const events: string[] = [];
  let bytes = 0;
  let through = end;
  for (const [i, c] of changes.entries()) {
    if (bytes > maxBytes) {
      through = changes[i - 1].seq;
      break;
    }
    if (!asked(request, selectors, c)) continue;
    const event = busEventOf(c, c.json);
    events.push(event);
    bytes += event.length;
  }
  return `{"through":${through},"complete":${through >= newest},"events":[${events.join(',')}]}`;
}

/**
 * The reply's JSON text: the events asked for after `request.after`, from the hub while it remembers them, else from the
 * log (its changes of the kind in a span of seqs at a time); `expired` once they are compacted away.
 */
export async function replayReply(sources: ReplaySources, request: EventReplayRequest, maxBytes: number): Promise<string> {
  const newest = sources.lastSeq();
  const remembered = sources.hub.since(request.after);
  if (remembered) return page(remembered, request, maxBytes, newest, newest);
  if (request.after < sources.oldestResumableSeq()) return '{"expired":true}';
  const end = Math.min(newest, request.after + loggedSpan);
  return page(await sources.logged(request.after, request.kind, end), request, maxBytes, end, newest);
}

/** Answers replay requests while this api-server `leads` (the one whose hub follows the published stream). */
export function natsEventReplay(nc: NatsConnection, sources: ReplaySources, leads: () => boolean, log: Logger): Subscription {
  const maxBytes = Math.max(replyHeadroomBytes, (nc.info?.max_payload ?? 1024 * 1024) - replyHeadroomBytes);
  return nc.subscribe(subjects.eventReplay, {
    callback: (_err, msg) => {
      if (!leads() || !msg.reply) return;
      const answer = (reply: string) => msg.respond(encoder.encode(reply));
      Promise.resolve()
        .then(() => replayReply(sources, JSON.parse(decoder.decode(msg.data)) as EventReplayRequest, maxBytes))
        .then(answer, (e: Error) => {
          // A request no lab client sends (bad JSON, a selector that does not parse), or a log that could not be read: told to list instead.
          log.warn({ err: e.message }, 'event replay request refused');
          answer('{"expired":true}');
        });
    },
  });
}
