/**
 * The event log's tables. `events` is append-only and the single source of truth;
 * `objects` is the projection (latest state of each object) written in the same
 * transaction; `snapshots` hold the projection at a compaction horizon.
 */

import type { EventRecord } from './event-record.js';

/** One row per event; the same shape the rest of kubelab reads. */
export type EventsTable = EventRecord;

export interface ObjectsTable {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  resource_version: number;
  data: string;
}

export interface SnapshotsTable {
  seq: number;
  time: string;
  /** JSON array of the objects' JSON texts at `seq`. */
  data: string;
}


export interface Database {
  events: EventsTable;
  objects: ObjectsTable;
  snapshots: SnapshotsTable;
}
