/**
 * core/v1 PersistentVolume defaults (SetDefaults_PersistentVolume): the Retain reclaim
 * policy, a Filesystem volumeMode, canonical capacity and a Pending phase.
 */
import type { PersistentVolume } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { canonicalizeResourceList } from './resource-list.js';

/** Fills a PersistentVolume's defaults in place. */
export function defaultPersistentVolume(volume: PersistentVolume): void {
  const spec = objectField(volume, 'spec');
  spec.persistentVolumeReclaimPolicy ||= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  canonicalizeResourceList(spec.capacity);
  objectField(volume, 'status').phase ||= 'Pending';
}
