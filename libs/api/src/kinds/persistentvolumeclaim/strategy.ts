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
import { dropDisabledField } from '../disabled-field.js';
import { dropStatus, strategy, type KindStrategy, type KindWrite } from '../strategy.js';

function checkClaimResize(claim: KubeObject, current: KubeObject, w: KindWrite): void {
  const refusal = claimResizeRefusal(claim as PersistentVolumeClaim, current as PersistentVolumeClaim, w.view.list('StorageClass'));
  if (refusal) throw forbidden(w.resource, current.metadata.name ?? '', refusal);
}

/** VolumeAttributesClass is beta and off by default in 1.32: the claim's class name is dropped. */
const volumeAttributesClass = ['spec', 'volumeAttributesClassName'];

/** The PersistentVolumeClaim kind's strategy. */
export const persistentVolumeClaimStrategy: KindStrategy = strategy({
  generation: false,
  prepareForCreate: (claim) => dropDisabledField(dropStatus(claim), undefined, volumeAttributesClass),
  prepareForUpdate: (next, current) => dropDisabledField(next, current, volumeAttributesClass),
  mutateOnCreate: (claim, w) => admitStorageProtection(admitDefaultStorageClass(claim as PersistentVolumeClaim, w.view.list('StorageClass')), PVC_PROTECTION_FINALIZER),
  checkUpdate: checkClaimResize,
});
