/** How a log entry names the object it is about: `Pod default/web-1`, `Node node-2`. */
import { auditRecordOf, eventSubject, type LogEntry } from './log-entry.js';

/**
 * `Pod default/web-1`, `Node node-2`; for an Event, the object it is about. A refusal of a list
 * names no object (`Pod default/*`), one of a non-resource path (/version) its path.
 */
export function objectRef(e: LogEntry): string {
  if (!e.kind) return auditRecordOf(e).path ?? '-';
  const involved = e.kind === 'Event' ? eventSubject(e) : undefined;
  if (involved?.kind && involved.name) return `${involved.kind} ${involved.namespace ? `${involved.namespace}/` : ''}${involved.name}`;
  return `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name || '*'}`;
}
