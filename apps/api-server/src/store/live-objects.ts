/**
 * Objects served beside the projection, read-only and never in the event log (the
 * heartbeat Leases, the metrics APIService). Where one shares a name with a logged object,
 * the live one is shown.
 */
import type { StoredObject } from './object-store.js';

export interface LiveObjects {
  get(kind: string, namespace: string, name: string): StoredObject | undefined;
  list(kind: string, namespace?: string): StoredObject[];
}

/** Several sources as one: a get answers from the first that has the object, a list holds them all. */
export function combinedLiveObjects(sources: readonly LiveObjects[]): LiveObjects {
  return {
    get: (kind, namespace, name) => sources.map((s) => s.get(kind, namespace, name)).find((found) => found !== undefined),
    list: (kind, namespace) => sources.flatMap((s) => s.list(kind, namespace)),
  };
}
