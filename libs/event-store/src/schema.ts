/**
 * The event log's tables. `events` is append-only and the single source of truth;
 * `objects` is the projection (latest state of each object) written in the same
 * transaction; `snapshots` hold the projection at a compaction horizon.
 */

export interface EventsTable {
  seq: number;
  time: string;
  type: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  actor: string;
  cause: number | null;
  /** The object as this event left it, as JSON text (for a deletion: its last state). */
  data: string;
}

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
