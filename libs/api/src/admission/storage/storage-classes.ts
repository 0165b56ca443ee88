/**
 * How Kubernetes reads the storage class of claims and volumes and picks the default
 * class (k8s.io/component-helpers/storage/volume and pkg/volume/util/storageclass.go):
 * the deprecated beta annotation still wins over spec.storageClassName, and of several
 * default classes the newest wins.
 */
import type { KubeObject } from '../../object.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../typed-objects.js';

/** The deprecated annotation that still names a claim's or volume's class ahead of spec.storageClassName. */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
/** The annotation that makes a StorageClass the default one ("true"). */
export const DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** Whether the claim asked for a class at all (an explicit "" counts: it asks for class-less volumes). */
export function claimHasClass(claim: PersistentVolumeClaim): boolean {
  const annotations = claim.metadata.annotations ?? {};
  return Object.hasOwn(annotations, BETA_STORAGE_CLASS_ANNOTATION) || (claim.spec?.storageClassName ?? null) !== null;
}

/** GetPersistentVolumeClaimClass: the class a claim asks for, "" for none. */
export function claimClass(claim: PersistentVolumeClaim): string {
  const annotations = claim.metadata.annotations ?? {};
  if (Object.hasOwn(annotations, BETA_STORAGE_CLASS_ANNOTATION)) return annotations[BETA_STORAGE_CLASS_ANNOTATION];
  return claim.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass: the class a volume belongs to, "" for none. */
export function volumeClass(volume: PersistentVolume): string {
  const annotations = volume.metadata.annotations ?? {};
  if (Object.hasOwn(annotations, BETA_STORAGE_CLASS_ANNOTATION)) return annotations[BETA_STORAGE_CLASS_ANNOTATION];
  return volume.spec?.storageClassName ?? '';
}

/** IsDefaultAnnotation: either is-default-class annotation is "true". */
export function isDefaultStorageClass(storageClass: KubeObject): boolean {
  const annotations = storageClass.metadata.annotations ?? {};
  return annotations[DEFAULT_STORAGE_CLASS_ANNOTATION] === 'true' || annotations[BETA_DEFAULT_STORAGE_CLASS_ANNOTATION] === 'true';
}

/** GetDefaultClass: of the default classes, the newest (creationTimestamp), then the first by name; none when no class is default. */
export function defaultStorageClass<T extends KubeObject>(classes: readonly T[]): T | undefined {
  const created = (c: T) => Date.parse(c.metadata.creationTimestamp ?? '') || 0;
  return classes
    .filter(isDefaultStorageClass)
    .sort((a, b) => created(b) - created(a) || (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0))[0];
}

/** IsVolumeBoundToClaim: the volume's claimRef names the claim (and its uid, when the claimRef has one). */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}
