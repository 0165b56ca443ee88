/**
 * Objects served beside the projection and never in the event log (the heartbeat Leases,
 * the metrics APIService). Where one shares a name with a logged object, the live one is
 * shown. They are written only by whoever keeps them alive; a source may let clients delete
 * one (a heartbeat Lease, which its holder then recreates), as a cluster lets them.
 */
import type { StoredObject } from './object-store.js';

export interface LiveObjects {
  get(kind: string, namespace: string, name: string): StoredObject | undefined;
  list(kind: string, namespace?: string): StoredObject[];
  /** Deletes a live object this source holds and lets clients delete (a dry run only says whether it would); resolves false when it does not. */
  delete?(kind: string, namespace: string, name: string, dryRun: boolean): Promise<boolean>;
}

/** Several sources as one: a get answers from the first that has the object, a list holds them all, a delete goes to the one a get answers from. */
export function combinedLiveObjects(sources: readonly LiveObjects[]): LiveObjects {
  return {
    get: (kind, namespace, name) => sources.map((s) => s.get(kind, namespace, name)).find((found) => found !== undefined),
    list: (kind, namespace) => sources.flatMap((s) => s.list(kind, namespace)),
    delete: async (kind, namespace, name, dryRun) => {
      const holder = sources.find((s) => s.get(kind, namespace, name) !== undefined);
      return (await holder?.delete?.(kind, namespace, name, dryRun)) ?? false;
    },
  };
}
