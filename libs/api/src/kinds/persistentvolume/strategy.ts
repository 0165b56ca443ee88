/**
 * The PersistentVolume strategy (pkg/registry/core/persistentvolume/strategy.go): a new volume
 * starts Pending with its lastPhaseTransitionTime (PersistentVolumeLastPhaseTransitionTime, GA),
 * a phase change stamps it again, and StorageObjectInUseProtection gives it its finalizer.
 */
import type { PersistentVolumeStatus } from 'kubernetes-types/core/v1';
import { admitStorageProtection, PV_PROTECTION_FINALIZER } from '../../admission/storage/storage-admission.js';
import { kubeTime } from '../../commands/meta.js';
import { isPlainObject, type KubeObject } from '../../object.js';
import type { PersistentVolume } from '../../typed-objects.js';
import { dropDisabledField } from '../disabled-field.js';
import { strategy, type KindStrategy } from '../strategy.js';

/**
 * The status strategy's PrepareForUpdate: a phase change stamps lastPhaseTransitionTime `now` unless the
 * writer set a new one; an unchanged phase keeps the old stamp when the writer sent none.
 */
function stampPhaseTransition(next: KubeObject, current: KubeObject, now: Date): KubeObject {
  if (!isPlainObject(next.status)) return next;
  const status: PersistentVolumeStatus = (next as PersistentVolume).status ?? {};
  const before: PersistentVolumeStatus = (current as PersistentVolume).status ?? {};
  const stamp = status.lastPhaseTransitionTime;
  if (before.phase === status.phase) {
    if (stamp !== undefined || before.lastPhaseTransitionTime === undefined) return next;
    return { ...next, status: { ...status, lastPhaseTransitionTime: before.lastPhaseTransitionTime } };
  }
  if (stamp !== undefined && stamp !== before.lastPhaseTransitionTime) return next;
  return { ...next, status: { ...status, lastPhaseTransitionTime: kubeTime(now) } };
}

/** VolumeAttributesClass is beta and off by default in 1.32: the volume's class name is dropped. */
const volumeAttributesClass = ['spec', 'volumeAttributesClassName'];

/** The PersistentVolume kind's strategy. */
export const persistentVolumeStrategy: KindStrategy = strategy({
  generation: false,
  prepareForCreate: (volume, now) => dropDisabledField({ ...volume, status: { phase: 'Pending', lastPhaseTransitionTime: kubeTime(now) } }, undefined, volumeAttributesClass),
  prepareForUpdate: (next, current) => dropDisabledField(next, current, volumeAttributesClass),
  prepareForStatusUpdate: stampPhaseTransition,
  mutateOnCreate: (volume) => admitStorageProtection(volume, PV_PROTECTION_FINALIZER),
});
