/**
 * The namespace controller's status conditions while it empties a namespace
 * (pkg/controller/namespace/deletion/status_condition_utils.go): five condition
 * types, each False with its "ok" reason and message unless something is wrong or
 * remains; a condition's lastTransitionTime moves only when its status does.
 */
import { kubeTime } from '@kubelab/api';
import type { NamespaceCondition } from 'kubernetes-types/core/v1';

/** One namespace status condition. */
export type { NamespaceCondition };

/** What is left in the namespace: instances per "resource.group", and per finalizer. */
export interface RemainingContent {
  byResource: ReadonlyMap<string, number>;
  byFinalizer: ReadonlyMap<string, number>;
}

const okConditions: readonly (readonly [type: string, reason: string, message: string])[] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

const listed = (counts: ReadonlyMap<string, number>, format: (name: string, n: number) => string): string =>
  [...counts].filter(([, n]) => n > 0).map(([name, n]) => format(name, n)).sort().join(', ');

/** The failing conditions `remaining` calls for (ProcessContentTotals). */
function problems(remaining: RemainingContent): Map<string, { reason: string; message: string }> {
  const found = new Map<string, { reason: string; message: string }>();
  const resources = listed(remaining.byResource, (resource, n) => `${resource} has ${n} resource instances`);
  if (resources) found.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${resources}` });
  const finalizers = listed(remaining.byFinalizer, (finalizer, n) => `${finalizer} in ${n} resource instances`);
  if (finalizers) found.set('NamespaceFinalizersRemaining', { reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${finalizers}` });
  return found;
}

/** The namespace's conditions after a pass that found `remaining` (updateConditions). */
export function deletionConditions(previous: readonly NamespaceCondition[], remaining: RemainingContent, now: Date): NamespaceCondition[] {
  const failing = problems(remaining);
  const conditions = previous.map((c) => ({ ...c }));
  for (const [type, okReason, okMessage] of okConditions) {
    const problem = failing.get(type);
    const wanted = { type, status: problem ? 'True' : 'False', reason: problem?.reason ?? okReason, message: problem?.message ?? okMessage } as const;
    const old = conditions.find((c) => c.type === type);
    if (!old) conditions.push({ type, status: wanted.status, lastTransitionTime: kubeTime(now), reason: wanted.reason, message: wanted.message });
    else {
      if (old.status !== wanted.status) old.lastTransitionTime = kubeTime(now);
      Object.assign(old, { status: wanted.status, reason: wanted.reason, message: wanted.message });
    }
  }
  return conditions;
}
