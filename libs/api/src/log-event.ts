/**
 * What every entry of the event log says about itself, wherever it travels: in the
 * database (with the object as text), on NATS and in watches (with the object).
 */
export interface LogEventMeta {
  /** Global, gap-free, monotonic; the resourceVersion of the object it leaves. */
  seq: number;
  time: string;
  /** Past-tense domain event type: PodCreated, PodBound, … */
  type: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  /** The component or user that acted. */
  actor: string;
  /** seq of the event that made the actor act, when there is one. */
  cause: number | null;
}

/** How a watcher sees an event. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * The entry types that record something that happened without changing any object: a request
 * refused (authentication, authorization, admission), a connection NetworkPolicy dropped, and an
 * exec, attach or port-forward session started and ended (see ContainerSession).
 * They are numbered, stored and published like every entry (the log stays one gap-free order)
 * but never projected, watched, or folded by a replay.
 */
export const auditEntryTypes = ['Refused', 'ConnectionDropped', 'SessionStarted', 'SessionEnded'] as const;

/** True for an entry that changes no object (see auditEntryTypes): projections, watches and replays skip it. */
export function isAuditEntry(type: string): boolean {
  return (auditEntryTypes as readonly string[]).includes(type);
}
