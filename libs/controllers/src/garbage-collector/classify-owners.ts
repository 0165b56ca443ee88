/**
 * Kubernetes' classifyReferences: each owner reference of a dependent is solid (the
 * owner exists), dangling (no such owner where it should be) or waiting (the owner is
 * being deleted in the foreground and waits for its dependents).
 */
import type { KubeObject } from '@kubelab/api';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { FOREGROUND_FINALIZER } from './gc-actions.js';
import type { OwnerIndex } from './owner-index.js';

/** A dependent's owner references, sorted by what became of their owners. */
export interface ClassifiedOwners {
  solid: OwnerReference[];
  dangling: OwnerReference[];
  waiting: OwnerReference[];
}

/**
 * Whether the collector can tell that an owner of this apiVersion and kind is gone: it
 * watches the kind (a built-in, or a custom kind whose informer has synced). Kubernetes'
 * GC asks its RESTMapper; a reference it cannot map is never treated as dangling.
 */
export type KnowsKind = (apiVersion: string, kind: string) => boolean;

/** The owner is being deleted in the foreground: its dependents go first. */
export function isDeletingDependents(obj: KubeObject): boolean {
  return Boolean(obj.metadata.deletionTimestamp) && (obj.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
}

/**
 * The owner a reference points to: same uid, kind and name, and for a namespaced owner
 * the dependent's namespace. Undefined when it is missing; 'unknown' for a kind the
 * collector does not know, which is never treated as gone.
 */
function resolveOwner(index: OwnerIndex, knowsKind: KnowsKind, dependent: KubeObject, ref: OwnerReference): KubeObject | 'unknown' | undefined {
  const owner = index.get(ref.uid);
  if (!owner) return knowsKind(ref.apiVersion, ref.kind) ? undefined : 'unknown';
  if (owner.kind !== ref.kind || owner.metadata.name !== ref.name) return undefined;
  if (owner.metadata.namespace && owner.metadata.namespace !== dependent.metadata.namespace) return undefined;
  return owner;
}

/** Classifies the dependent's owner references against the index. */
export function classifyOwners(index: OwnerIndex, knowsKind: KnowsKind, dependent: KubeObject): ClassifiedOwners {
  const classified: ClassifiedOwners = { solid: [], dangling: [], waiting: [] };
  for (const ref of dependent.metadata.ownerReferences ?? []) {
    const owner = resolveOwner(index, knowsKind, dependent, ref);
    if (owner === undefined) classified.dangling.push(ref);
    else if (owner !== 'unknown' && isDeletingDependents(owner)) classified.waiting.push(ref);
    else classified.solid.push(ref);
  }
  return classified;
}
