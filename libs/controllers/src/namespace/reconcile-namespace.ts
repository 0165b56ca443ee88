/**
 * The namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go)
 * as one pure decision: for a namespace being deleted, delete everything in it; once
 * every object is on its way out, report what remains in the status conditions; when
 * nothing remains, remove the `kubernetes` finalizer so the api-server deletes it.
 */
import type { KubeObject, Namespace, ResourceType } from '@kubelab/api';
import type { NamespaceStatus } from 'kubernetes-types/core/v1';
import { deletionConditions, type RemainingContent } from './deletion-conditions.js';

/** The finalizer the namespace controller owns on spec.finalizers. */
export const NAMESPACE_FINALIZER = 'kubernetes';

/** Everything of one resource type in the namespace. */
export interface NamespaceContent {
  resource: ResourceType;
  objects: readonly KubeObject[];
}

export type NamespaceAction =
  | { type: 'DeleteObject'; resource: ResourceType; object: KubeObject }
  | { type: 'UpdateStatus'; status: NamespaceStatus }
  | { type: 'Finalize'; finalizers: string[] };

/** The decision of one pass, and when to look again (Kubernetes seconds) while content remains. */
export interface NamespaceReconcileResult {
  actions: NamespaceAction[];
  recheckAfterSeconds?: number;
}

/** The namespace controller's recheck when nothing says how long to wait (its default estimate). */
const defaultRecheckSeconds = 2;

function remainingOf(contents: readonly NamespaceContent[]): RemainingContent {
  const byResource = new Map<string, number>();
  const byFinalizer = new Map<string, number>();
  for (const { resource, objects } of contents) {
    if (objects.length === 0) continue;
    byResource.set(`${resource.plural}.${resource.group}`, objects.length);
    for (const finalizer of objects.flatMap((o) => o.metadata.finalizers ?? [])) byFinalizer.set(finalizer, (byFinalizer.get(finalizer) ?? 0) + 1);
  }
  return { byResource, byFinalizer };
}

/** Seconds until the last pod being deleted is due to be gone (estimateGracefulTermination), or the default. */
function recheckSeconds(contents: readonly NamespaceContent[], now: Date): number {
  const due = contents.flatMap((c) => c.objects).filter((o) => o.kind === 'Pod').map((o) => (Date.parse(o.metadata.deletionTimestamp ?? '') - now.getTime()) / 1000);
  const longest = Math.max(0, ...due.filter((s) => Number.isFinite(s)));
  return Math.max(defaultRecheckSeconds, Math.ceil(longest));
}

/**
 * One pass over `ns` given everything in it. Objects not yet being deleted are deleted
 * first; the conditions are written once every remaining object is on its way out,
 * and the finalizer goes when nothing remains.
 */
export function reconcileNamespace(ns: Namespace, contents: readonly NamespaceContent[], now: Date): NamespaceReconcileResult {
  const finalizers = ns.spec?.finalizers ?? [];
  if (!ns.metadata.deletionTimestamp || !finalizers.includes(NAMESPACE_FINALIZER)) return { actions: [] };
  const deletions = contents.flatMap(({ resource, objects }) =>
    objects.filter((o) => !o.metadata.deletionTimestamp).map((object): NamespaceAction => ({ type: 'DeleteObject', resource, object })),
  );
  if (deletions.length > 0) return { actions: deletions, recheckAfterSeconds: 0 };
  const remaining = remainingOf(contents);
  const conditions = deletionConditions(ns.status?.conditions ?? [], remaining, now);
  const actions: NamespaceAction[] = [];
  if (JSON.stringify(conditions) !== JSON.stringify(ns.status?.conditions ?? [])) actions.push({ type: 'UpdateStatus', status: { ...(ns.status ?? {}), phase: 'Terminating', conditions } });
  if (remaining.byResource.size > 0) return { actions, recheckAfterSeconds: recheckSeconds(contents, now) };
  actions.push({ type: 'Finalize', finalizers: finalizers.filter((f) => f !== NAMESPACE_FINALIZER) });
  return { actions };
}
