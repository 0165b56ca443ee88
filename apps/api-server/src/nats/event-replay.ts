/**
 * Answers `kubelab.events.replay`: the events an informer missed (nats-server cut it off as a slow consumer, its
 * connection dropped, a cluster member was lost), from the watch hub's memory of recent changes. As kube-apiserver's
 * watch cache lets a reflector's watch resume from its last resourceVersion, an informer catches up with the events
 * it lacks instead of listing its whole kind again: at 100,000 pods every gap made a dozen whole-kind lists, and the
 * api-server, busy writing them, made more gaps. A span the hub no longer reaches back to is answered `expired`.
 */
import type { NatsConnection, Subscription } from 'nats';
import { matchesFields, parseFieldSelector, type FieldRequirement } from '@kubelab/api';
import { subjects, type EventReplayRequest } from '@kubelab/bus';
import type { Logger } from 'pino';
import { busEventOf } from './event-publisher.js';
import type { RememberedChange, WatchHub } from '../store/watch-hub.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Room left in a reply for its frame and the last event that crosses the budget. */
const replyHeadroomBytes = 64 * 1024;

/** Whether the change is one the request asks for whole. */
function asked(request: EventReplayRequest, selectors: FieldRequirement[][], c: RememberedChange): boolean {
  if (c.kind !== request.kind || (request.namespace !== undefined && c.namespace !== request.namespace)) return false;
  if (selectors.length === 0) return true;
  return selectors.some((s) => matchesFields(s, c.object) || (c.previous !== undefined && matchesFields(s, c.previous)));
}

/** The reply's JSON text: the events asked for after `request.after`, as many as fit `maxBytes`. */
export function replayReply(hub: WatchHub, request: EventReplayRequest, maxBytes: number): string {
  const changes = hub.since(request.after);
  if (!changes) return '{"expired":true}';
  const selectors = (request.fieldSelectors ?? []).map(parseFieldSelector);
  const events: string[] = [];
  let bytes = 0;
  let through = request.after;
  for (const c of changes) {
    if (bytes > maxBytes) break;
    through = c.seq;
    if (!asked(request, selectors, c)) continue;
    const event = busEventOf(c, JSON.stringify(c.object));
    events.push(event);
    bytes += event.length;
  }
  const complete = through === (changes.at(-1)?.seq ?? request.after);
  return `{"through":${through},"complete":${complete},"events":[${events.join(',')}]}`;
}

/** Answers replay requests while this api-server `leads` (the one whose hub follows the published stream). */
export function natsEventReplay(nc: NatsConnection, hub: WatchHub, leads: () => boolean, log: Logger): Subscription {
  const maxBytes = Math.max(replyHeadroomBytes, (nc.info?.max_payload ?? 1024 * 1024) - replyHeadroomBytes);
  return nc.subscribe(subjects.eventReplay, {
    callback: (_err, msg) => {
      if (!leads() || !msg.reply) return;
      let reply: string;
      try {
        reply = replayReply(hub, JSON.parse(decoder.decode(msg.data)) as EventReplayRequest, maxBytes);
      } catch (e) {
        // A request no lab client sends (bad JSON, a selector that does not parse): told to list instead.
        log.warn({ err: (e as Error).message }, 'event replay request refused');
        reply = '{"expired":true}';
      }
      msg.respond(encoder.encode(reply));
    },
  });
}
