/**
 * Objects served beside the projection, read-only and never in the event log (the
 * heartbeat Leases). Where one shares a name with a logged object, the live one is shown.
 */
import type { StoredObject } from './object-store.js';

export interface LiveObjects {
  get(kind: string, namespace: string, name: string): StoredObject | undefined;
  list(kind: string, namespace?: string): StoredObject[];
}
