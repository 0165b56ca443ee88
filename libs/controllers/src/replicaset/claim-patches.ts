/**
 * The writes of adoption and release as kube-controller-manager sends them
 * (pkg/controller/controller_ref_manager.go): strategic merge patches of the dependent's
 * ownerReferences, merged by uid, carrying the dependent's uid as a precondition. A patch
 * touches nothing but the reference, so it neither races a concurrent writer nor needs
 * the `update` verb that the controllers' roles (the ReplicaSet's, the DaemonSet's…) lack.
 */
import type { KubeObject } from '@kubelab/api';
import { controllerRefTo } from './owner-refs.js';

/** ownerRefControllerPatch: makes `owner` the controller of `dependent`, unless `dependent` was replaced meanwhile. */
export function adoptionPatch(dependent: KubeObject, owner: KubeObject): Record<string, unknown> {
  return { metadata: { ownerReferences: [controllerRefTo(owner)], uid: dependent.metadata.uid } };
}

/** GenerateDeleteOwnerRefStrategicMergeBytes: drops `owner`'s reference from `dependent`, unless `dependent` was replaced meanwhile. */
export function releasePatch(dependent: KubeObject, owner: KubeObject): Record<string, unknown> {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: owner.metadata.uid }], uid: dependent.metadata.uid } };
}
