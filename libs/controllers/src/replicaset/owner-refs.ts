/**
 * Controller ownerReferences as metav1.NewControllerRef writes them, and the
 * adopt/release edits the ReplicaSet and Deployment controllers make to them.
 */
import { cloneJson, type KubeObject } from '@kubelab/api';

/** One metadata.ownerReferences entry. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The owner entry marked controller:true, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true) as OwnerReference | undefined;
}

/** The reference a controller puts on what it creates or adopts. */
export function controllerRefTo(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A copy of `obj` adopted by `owner` (its controller reference appended). */
export function withControllerRef<T extends KubeObject>(obj: T, owner: KubeObject): T {
  const copy = cloneJson(obj);
  copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), controllerRefTo(owner)];
  return copy;
}

/** A copy of `obj` released by `owner` (every reference to the owner's uid removed). */
export function withoutOwnerRef<T extends KubeObject>(obj: T, owner: KubeObject): T {
  const copy = cloneJson(obj);
  const remaining = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
  if (remaining.length > 0) copy.metadata.ownerReferences = remaining;
  else delete copy.metadata.ownerReferences;
  return copy;
}
