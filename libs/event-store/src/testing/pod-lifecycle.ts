/** A real pod lifecycle for the specs: pod-lifecycle.ndjson, as `kubelab export` wrote it from a lab. */
import { readFileSync } from 'node:fs';
import type { EventRecord } from '../event-record.js';

/**
 * One pod of a Deployment `sized` created, bound, started, deleted, with its Events and its
 * owners' status updates, as the log stored them; numbered again from `firstSeq`.
 */
export function podLifecycle(firstSeq = 1): EventRecord[] {
  return readFileSync(new URL('./pod-lifecycle.ndjson', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, i) => {
      const { object, ...meta } = JSON.parse(line) as EventRecord & { object: unknown };
      return { ...meta, seq: firstSeq + i, cause: null, data: JSON.stringify(object) };
    });
}
