/**
 * storage.k8s.io/v1 StorageClass defaults (SetDefaults_StorageClass): volumes are
 * deleted with their claim and bound as soon as the claim exists.
 */
import type { StorageClass } from '../../typed-objects.js';

/** Fills a StorageClass's defaults in place. */
export function defaultStorageClass(storageClass: StorageClass): void {
  storageClass.reclaimPolicy ??= 'Delete';
  storageClass.volumeBindingMode ??= 'Immediate';
}
