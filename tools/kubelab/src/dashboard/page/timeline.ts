/**
 * The live event-log timeline: entries newest first, at most `limit` of them, and
 * the filters a person types (kind, namespace, name, actor, type; each a
 * case-insensitive substring, empty for any).
 */
import type { LogEntry } from '../../log-client.js';

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
