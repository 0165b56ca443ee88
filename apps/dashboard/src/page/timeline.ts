/**
 * The live event-log timeline: entries newest first, at most `limit` of them, the
 * filters a person types (kind, namespace, name, actor, type; each a
 * case-insensitive substring, empty for any), and the rows drawn from them: seq,
 * time, actor, type, object and the one-line summary `kubelab log` prints, chaos
 * drills marked.
 */
import { objectRef, previousObjects, summarize, type LogEntry } from '@kubelab/event-log';

export interface TimelineFilter {
  kind: string;
  namespace: string;
  name: string;
  actor: string;
  type: string;
}

export const noFilter: TimelineFilter = { kind: '', namespace: '', name: '', actor: '', type: '' };

export const timelineLimit = 500;

/** The timeline with `entry` in its place (newest first), each seq once, cut to `limit`. */
export function addEntry(timeline: readonly LogEntry[], entry: LogEntry, limit = timelineLimit): LogEntry[] {
  if (timeline.some((e) => e.seq === entry.seq)) return [...timeline];
  const at = timeline.findIndex((e) => e.seq < entry.seq);
  const next = at < 0 ? [...timeline, entry] : [...timeline.slice(0, at), entry, ...timeline.slice(at)];
  return next.slice(0, limit);
}

const fields = ['kind', 'namespace', 'name', 'actor', 'type'] as const;

export function matchesFilter(entry: LogEntry, filter: TimelineFilter): boolean {
  return fields.every((f) => entry[f].toLowerCase().includes(filter[f].trim().toLowerCase()));
}

export function visibleEntries(timeline: readonly LogEntry[], filter: TimelineFilter): LogEntry[] {
  return timeline.filter((e) => matchesFilter(e, filter));
}

/** The highest seq seen, where a follow resumes after a broken stream. */
export function lastSeq(timeline: readonly LogEntry[]): number {
  return timeline[0]?.seq ?? 0;
}

export interface TimelineRow {
  seq: number;
  time: string;
  actor: string;
  type: string;
  /** `Pod default/web-1`; for an Event, the object it is about. */
  object: string;
  summary: string;
  /** Written by a chaos drill (actor `chaos`). */
  chaos: boolean;
  /** A Warning Event. */
  warning: boolean;
}

/** The rows of `entries`, in their order; what an entry changed is told against the timeline's previous entry of that object. */
export function timelineRows(entries: readonly LogEntry[], timeline: readonly LogEntry[]): TimelineRow[] {
  const before = previousObjects(timeline);
  return entries.map((e) => ({
    seq: e.seq, time: e.time, actor: e.actor, type: e.type, object: objectRef(e),
    summary: summarize(e, before.get(e.seq)), chaos: e.actor === 'chaos', warning: e.kind === 'Event' && e.object?.type === 'Warning',
  }));
}
