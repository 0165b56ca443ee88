/** A change after it is in the log: what watches, the NATS stream and the ring buffer carry. */
import type { KubeObject, LogEventMeta, WatchEventType } from '@kubelab/api';

export interface CommittedChange extends LogEventMeta {
  /** An audit entry (isAuditEntry: a refusal, a dropped connection) carries MODIFIED, and no watch is ever sent one. */
  watchType: WatchEventType;
  object: KubeObject;
  json: string;
  /** The object before the change, when known (selector watches need it). */
  previous?: KubeObject;
}
