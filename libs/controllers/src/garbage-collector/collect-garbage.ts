/**
 * The garbage collector (pkg/controller/garbagecollector) as pure decisions over an
 * OwnerIndex: a dependent all of whose owners are gone is deleted; an owner deleted
 * with the orphan finalizer has its dependents orphaned; an owner deleted in the
 * foreground has its dependents deleted first and keeps its finalizer until no
 * dependent blocking it (blockOwnerDeletion) remains.
 */
import type { KubeObject } from '@kubelab/api';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type GcAction } from './gc-actions.js';
import { classifyOwners, isDeletingDependents, type KnowsKind } from './classify-owners.js';
import { OwnerIndex } from './owner-index.js';

const describeRef = (ref: OwnerReference) => `${ref.kind} ${ref.name} (${ref.uid})`;

/** Kubernetes' attemptToDeleteItem for one dependent. */
function asDependent(index: OwnerIndex, knowsKind: KnowsKind, obj: KubeObject): GcAction[] {
  if (obj.metadata.deletionTimestamp || !obj.metadata.ownerReferences?.length) return [];
  const { solid, dangling, waiting } = classifyOwners(index, knowsKind, obj);
  if (solid.length > 0) {
    const gone = [...dangling, ...waiting].map((ref) => ref.uid);
    return gone.length > 0 ? [{ type: 'RemoveOwnerReferences', object: obj, ownerUids: gone }] : [];
  }
  const hasDependents = index.dependentsOf(obj.metadata.uid ?? '').length > 0;
  if (waiting.length > 0 && hasDependents) {
    return [{ type: 'DeleteDependent', object: obj, propagationPolicy: 'Foreground', reason: `owner ${describeRef(waiting[0])} is being deleted in the foreground` }];
  }
  const reason = waiting.length > 0 ? `owner ${describeRef(waiting[0])} is being deleted in the foreground` : `all owners are gone: ${dangling.map(describeRef).join(', ')}`;
  const policy = (obj.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
  return [{ type: 'DeleteDependent', object: obj, propagationPolicy: policy, reason }];
}

function referencesOwner(dependent: KubeObject, uid: string, blockingOnly: boolean): boolean {
  return (dependent.metadata.ownerReferences ?? []).some((ref) => ref.uid === uid && (!blockingOnly || ref.blockOwnerDeletion === true));
}

/** An owner deleted with propagationPolicy Orphan: drop it from its dependents, then the finalizer. */
function orphanDependents(index: OwnerIndex, owner: KubeObject): GcAction[] {
  const uid = owner.metadata.uid ?? '';
  const orphaned: GcAction[] = index.dependentsOf(uid).map((dependent) => ({ type: 'RemoveOwnerReferences', object: dependent, ownerUids: [uid] }));
  return [...orphaned, { type: 'RemoveFinalizer', object: owner, finalizer: ORPHAN_FINALIZER }];
}

/** An owner deleted in the foreground: its dependents go; it follows once none blocks it. */
function deleteDependentsFirst(index: OwnerIndex, knowsKind: KnowsKind, owner: KubeObject): GcAction[] {
  const uid = owner.metadata.uid ?? '';
  const dependents = index.dependentsOf(uid);
  const actions = dependents.flatMap((dependent) => asDependent(index, knowsKind, dependent));
  const blocked = dependents.some((dependent) => referencesOwner(dependent, uid, true));
  return blocked ? actions : [...actions, { type: 'RemoveFinalizer', object: owner, finalizer: FOREGROUND_FINALIZER }];
}

function asOwner(index: OwnerIndex, knowsKind: KnowsKind, obj: KubeObject): GcAction[] {
  if (!obj.metadata.deletionTimestamp) return [];
  if ((obj.metadata.finalizers ?? []).includes(ORPHAN_FINALIZER)) return orphanDependents(index, obj);
  if (isDeletingDependents(obj)) return deleteDependentsFirst(index, knowsKind, obj);
  return [];
}

function actionKey(action: GcAction): string {
  return `${action.type}/${action.object.metadata.uid}/${action.type === 'RemoveFinalizer' ? action.finalizer : ''}`;
}

function unique(actions: readonly GcAction[]): GcAction[] {
  const seen = new Map<string, GcAction>();
  for (const action of actions) if (!seen.has(actionKey(action))) seen.set(actionKey(action), action);
  return [...seen.values()];
}

/**
 * What follows for one uid: the object as a dependent and as an owner being deleted,
 * or, when the uid is gone, for every object that still names it as owner.
 */
export function collectGarbageFor(index: OwnerIndex, knowsKind: KnowsKind, uid: string): GcAction[] {
  const obj = index.get(uid);
  if (!obj) return unique(index.dependentsOf(uid).flatMap((dependent) => asDependent(index, knowsKind, dependent)));
  return unique([...asDependent(index, knowsKind, obj), ...asOwner(index, knowsKind, obj)]);
}

/** A full pass over every object of the owner and dependent kinds. */
export function collectGarbage(objects: readonly KubeObject[], knowsKind: KnowsKind): GcAction[] {
  const index = OwnerIndex.of(objects);
  return unique(objects.flatMap((obj) => collectGarbageFor(index, knowsKind, obj.metadata.uid ?? '')));
}
