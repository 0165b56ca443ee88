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
