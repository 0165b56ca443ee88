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

/**
 * The HTTP header a client names the cause of its write with: the seq of the entry of what made it write (the session of a
 * learner's shell on a node, for what the lab does about an edit made there). The entry it writes gets that `cause`.
 */
export const causeHeader = 'kubelab-cause';

/** How a watcher sees an event. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * etcd started on a data directory restored from a snapshot: the entry that heads the restore, after which the objects
 * the snapshot holds come back as it holds them (each change's cause), and those made since it go.
 */
export const etcdRestoredType = 'EtcdSnapshotRestored';

/**
 * The entry types that record something that happened without changing any object: a request
 * refused (authentication, authorization, admission), a connection NetworkPolicy dropped, and an
 * exec, attach or port-forward session started and ended (see ContainerSession), and a restore of an etcd snapshot begun.
 * They are numbered, stored and published like every entry (the log stays one gap-free order)
 * but never projected, watched, or folded by a replay.
 */
export const auditEntryTypes = ['Refused', 'ConnectionDropped', 'SessionStarted', 'SessionEnded', etcdRestoredType] as const;

/** True for an entry that changes no object (see auditEntryTypes): projections, watches and replays skip it. */
export function isAuditEntry(type: string): boolean {
  return (auditEntryTypes as readonly string[]).includes(type);
}
