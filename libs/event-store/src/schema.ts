/**
 * The event log's tables. `events` is append-only and the single source of truth;
 * `objects` is the projection (latest state of each object) written in the same
 * transaction; `snapshots` says the compaction horizon, and `snapshot_objects` holds the
 * projection at it.
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

/** The newest snapshot (the one row; older ones are dropped as it is written): its seq and when it was taken. */
export interface SnapshotsTable {
  seq: number;
  time: string;
}

/** The projection at the snapshot's seq, one object per row, its data as the event that wrote it stores it. */
export type SnapshotObjectsTable = ObjectsTable;


export interface Database {
  events: EventsTable;
  objects: ObjectsTable;
  snapshots: SnapshotsTable;
  snapshot_objects: SnapshotObjectsTable;
}
