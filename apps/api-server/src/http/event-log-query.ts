/**
 * The query of GET /kubelab/v1/events, read once: what the database filters (range,
 * object) and what is matched per entry (types, actor), so the stored pages and the
 * live tail of a follow apply the very same test.
 */
import { badRequest, queryBool, type LogEventMeta } from '@kubelab/api';
import type { Query } from './request-options.js';

export interface EventLogQuery {
  /** Entries after this seq. */
  since: number;
  /** Entries after this time (RFC 3339), resolved to a seq by the caller. */
  sinceTime?: string;
  /** Entries up to and including this seq; the stream ends there. */
  until?: number;
  kind?: string;
  namespace?: string;
  name?: string;
  /** Any of these event types. */
  types?: string[];
  /** An actor, or the family before ':' or '/' (`user` for `user:kubectl delete`, `kubelet` for `kubelet/node-1`). */
  actor?: string;
  follow: boolean;
}

function seqParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw badRequest(`${name} must be a seq number (0 or more), got "${value}"`);
  return n;
}

function timeParam(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) throw badRequest(`sinceTime must be an RFC 3339 time such as 2026-11-22T10:00:00Z, got "${value}"`);
  return t.toISOString();
}

/** Reads and checks the query; a bad value is a 400 Status that names it. */
export function parseEventLogQuery(query: Query): EventLogQuery {
  const types = query.type?.split(',').map((t) => t.trim()).filter(Boolean);
  return {
    since: seqParam(query.since, 'since') ?? 0,
    sinceTime: timeParam(query.sinceTime),
    until: seqParam(query.until, 'until'),
    kind: query.kind || undefined,
    namespace: query.namespace,
    name: query.name || undefined,
    types: types?.length ? types : undefined,
    actor: query.actor || undefined,
    follow: queryBool(query.follow),
  };
}

/** True when `actor` is the wanted one or of its family. */
export function actorMatches(wanted: string, actor: string): boolean {
  return actor === wanted || actor.startsWith(`${wanted}:`) || actor.startsWith(`${wanted}/`);
}

/** The whole test for one entry, as the live tail of a follow applies it. */
export function entryMatches(q: EventLogQuery, e: LogEventMeta): boolean {
  return (!q.kind || e.kind === q.kind)
    && (q.namespace === undefined || e.namespace === q.namespace)
    && (!q.name || e.name === q.name)
    && (q.until === undefined || e.seq <= q.until)
    && (!q.types || q.types.includes(e.type))
    && (!q.actor || actorMatches(q.actor, e.actor));
}
