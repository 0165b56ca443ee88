/**
 * core/v1 PersistentVolumeClaim defaults (SetDefaults_PersistentVolumeClaim and ...Spec):
 * a Filesystem volumeMode, canonical resource quantities and a Pending phase.
 */
import type { PersistentVolumeClaimSpec } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import type { PersistentVolumeClaim } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { canonicalizeResourceList } from './resource-list.js';

/** The spec defaults, shared with claim templates. */
export function defaultPersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec): void {
  if (!isPlainObject(spec)) return;
  spec.volumeMode ??= 'Filesystem';
  canonicalizeResourceList(spec.resources?.requests);
  canonicalizeResourceList(spec.resources?.limits);
}

/** Fills a PersistentVolumeClaim's defaults in place. */
export function defaultPersistentVolumeClaim(claim: PersistentVolumeClaim): void {
  defaultPersistentVolumeClaimSpec(objectField(claim, 'spec'));
  const status = objectField(claim, 'status');
  status.phase ||= 'Pending';
  canonicalizeResourceList(status.capacity);
}
