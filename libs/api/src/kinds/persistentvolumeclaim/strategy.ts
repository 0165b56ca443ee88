/**
 * The PersistentVolumeClaim strategy and the storage admission plugins that judge claims:
 * status is worked out afresh on create, DefaultStorageClass and StorageObjectInUseProtection
 * mutate a new claim, and PersistentVolumeClaimResize lets a claim grow only when bound and
 * its class allows expansion (403 otherwise).
 */
import { admitDefaultStorageClass, admitStorageProtection, claimResizeRefusal, PVC_PROTECTION_FINALIZER } from '../../admission/storage/storage-admission.js';
import type { KubeObject } from '../../object.js';
import { forbidden } from '../../status.js';
import type { PersistentVolumeClaim } from '../../typed-objects.js';
import { dropStatus, strategy, type KindStrategy, type KindWrite } from '../strategy.js';

function checkClaimResize(claim: KubeObject, current: KubeObject, w: KindWrite): void {
  const refusal = claimResizeRefusal(claim as PersistentVolumeClaim, current as PersistentVolumeClaim, w.view.list('StorageClass'));
  if (refusal) throw forbidden(w.resource, current.metadata.name ?? '', refusal);
}

/** The PersistentVolumeClaim kind's strategy. */
export const persistentVolumeClaimStrategy: KindStrategy = strategy({
  generation: false,
  prepareForCreate: dropStatus,
  mutateOnCreate: (claim, w) => admitStorageProtection(admitDefaultStorageClass(claim as PersistentVolumeClaim, w.view.list('StorageClass')), PVC_PROTECTION_FINALIZER),
  checkUpdate: checkClaimResize,
});
