/**
 * The object as it was before each entry, so a summary can say what an entry
 * changed rather than what the object now is.
 */
import { isAuditEntry } from '@kubelab/api';
import type { LogEntry, LogObject } from './log-entry.js';

/** The object before each entry, from the entries at hand (per object and uid, in seq order); audit entries hold no object. */
export function previousObjects(entries: readonly LogEntry[]): Map<number, LogObject> {
  const last = new Map<string, LogObject>();
  const before = new Map<number, LogObject>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (isAuditEntry(e.type)) continue;
    const key = `${e.kind}/${e.namespace}/${e.name}/${e.uid}`;
    const previous = last.get(key);
    if (previous) before.set(e.seq, previous);
    last.set(key, e.object);
  }
  return before;
}
