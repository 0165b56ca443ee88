/** A change after it is in the log: what watches, the NATS stream and the ring buffer carry. */
import { shareManagedFields, type KubeObject, type LogEventMeta, type WatchEventType } from '@kubelab/api';
import type { EventRecord } from '@kubelab/event-store';

export interface CommittedChange extends LogEventMeta {
  /** An audit entry (isAuditEntry: a refusal, a dropped connection) carries MODIFIED, and no watch is ever sent one. */
  watchType: WatchEventType;
  object: KubeObject;
  json: string;
  /** What its log row holds when that is not `json`: the stored form of a kind the projection keeps so (object-store.ts rowData). */
  stored?: string;
  /** The object before the change, when known (selector watches need it). */
  previous?: KubeObject;
}

/** What a stored event means to a watcher. */
export function changeOf(e: EventRecord): CommittedChange {
  const watchType = e.type.endsWith('Created') ? 'ADDED' : e.type.endsWith('Deleted') ? 'DELETED' : 'MODIFIED';
  return { ...e, watchType, object: shareManagedFields(JSON.parse(e.data) as KubeObject), json: e.data };
}
