/**
 * kube-apiserver's storage admission plugins (plugin/pkg/admission/storage): DefaultStorageClass
 * gives a new claim that names no class the default one; StorageObjectInUseProtection puts the
 * protection finalizer on every new claim and volume, so neither vanishes while in use;
 * PersistentVolumeClaimResize lets a claim grow only when bound and its class allows expansion.
 */
import { compareQuantities, quantityError } from '../quantity.js';
import type { KubeObject } from '../../object.js';
import type { PersistentVolumeClaim } from '../../typed-objects.js';
import { claimClass, claimHasClass, defaultStorageClass } from './storage-classes.js';

/** The finalizer the PVC protection controller removes once no pod uses the claim. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
/** The finalizer the PV protection controller removes once the volume is not Bound. */
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** DefaultStorageClass (create only): a claim without storageClassName nor the beta annotation gets the default class, if any. */
export function admitDefaultStorageClass(claim: PersistentVolumeClaim, classes: readonly KubeObject[]): PersistentVolumeClaim {
  if (claimHasClass(claim)) return claim;
  const byDefault = defaultStorageClass(classes);
  if (!byDefault) return claim;
  return { ...claim, spec: { ...claim.spec, storageClassName: byDefault.metadata.name } };
}

/** StorageObjectInUseProtection (create only): the kind's protection finalizer (its strategy's: PV_ or PVC_PROTECTION_FINALIZER), added once. */
export function admitStorageProtection<T extends KubeObject>(obj: T, finalizer: string): T {
  const finalizers: string[] = obj.metadata.finalizers ?? [];
  if (finalizers.includes(finalizer)) return obj;
  return { ...obj, metadata: { ...obj.metadata, finalizers: [...finalizers, finalizer] } };
}

const storageRequest = (claim: PersistentVolumeClaim): string | undefined => {
  const value = claim.spec?.resources?.requests?.storage;
  return value === undefined || quantityError(value) !== undefined ? undefined : String(value);
};

/**
 * PersistentVolumeClaimResize (update of the claim itself): why a growing storage request is
 * refused (the 403's reason, upstream's words), undefined when it is not growing or may grow.
 */
export function claimResizeRefusal(claim: PersistentVolumeClaim, old: PersistentVolumeClaim, classes: readonly KubeObject[]): string | undefined {
  const newSize = storageRequest(claim);
  const oldSize = storageRequest(old) ?? '0';
  if (newSize === undefined || compareQuantities(newSize, oldSize) <= 0) return undefined;
  if (old.status?.phase !== 'Bound') return 'Only bound persistent volume claims can be expanded';
  const name = claimClass(claim);
  const allowed = name !== '' && name === claimClass(old) && classes.find((c) => c.metadata.name === name)?.allowVolumeExpansion === true;
  if (allowed) return undefined;
  return 'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';
}
