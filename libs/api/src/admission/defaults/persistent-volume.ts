/**
 * core/v1 PersistentVolume defaults (SetDefaults_PersistentVolume): the Retain reclaim
 * policy, a Filesystem volumeMode, canonical capacity and a Pending phase.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { canonicalizeResourceList } from './resource-list.js';

/** Fills a PersistentVolume's defaults in place. */
export function defaultPersistentVolume(volume: KubeObject): void {
  if (!isPlainObject(volume.spec)) volume.spec = {};
  volume.spec.persistentVolumeReclaimPolicy ||= 'Retain';
  volume.spec.volumeMode ??= 'Filesystem';
  canonicalizeResourceList(volume.spec.capacity);
  if (!isPlainObject(volume.status)) volume.status = {};
  volume.status.phase ||= 'Pending';
}
