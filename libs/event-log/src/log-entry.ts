/** What the api-server's event log (/kubelab/v1) answers: its entries and the cluster folded to a seq. */
import type { ConnectionDrop, ContainerSession, CoreEvent, KubeObject, LogEventMeta, Occurrences, RefusalRecord } from '@kubelab/api';
import type { ObjectReference } from 'kubernetes-types/core/v1';

/**
 * What an entry carries, as JSON off /kubelab/v1/events: the object as the entry left it, of any kind, or on an audit
 * entry (isAuditEntry) its record, which has no apiVersion, kind or metadata. So any field may be missing; a reader
 * narrows it by the entry's kind once known (`e.object as Pod`, eventOf, auditRecordOf).
 */
export type LogObject = Partial<KubeObject>;

/** One entry of GET /kubelab/v1/events. */
export interface LogEntry extends LogEventMeta {
  object: LogObject;
}

/** GET /kubelab/v1/state: every object as the log left it at `seq`. */
export interface ClusterState {
  seq: number;
  items: KubeObject[];
}

/** An Event as the log holds it: core/v1's (involvedObject, message), or events.k8s.io/v1's (regarding, note). */
export type LoggedEvent = Partial<CoreEvent> & { regarding?: ObjectReference; note?: string };

/** The Event an entry of kind Event carries. */
export const eventOf = (e: LogEntry): LoggedEvent => (e.object ?? {}) as LoggedEvent;

/** The object an Event entry is about: core/v1's involvedObject, else events.k8s.io/v1's regarding. */
export const eventSubject = (e: LogEntry): ObjectReference | undefined => eventOf(e).involvedObject ?? eventOf(e).regarding;

/** What an audit entry carries: a Refused entry's refusal, a ConnectionDropped entry's drop, each with its count. */
export type AuditRecord = Partial<RefusalRecord & ConnectionDrop & Occurrences>;

/** The record an audit entry (isAuditEntry) carries. */
export const auditRecordOf = (e: LogEntry): AuditRecord => (e.object ?? {}) as AuditRecord;

/** What a SessionStarted or SessionEnded entry carries (its user is a name, not a Refused entry's user info). */
export const sessionRecordOf = (e: LogEntry): Partial<ContainerSession> => (e.object ?? {}) as Partial<ContainerSession>;
