/**
 * core/v1 PersistentVolumeClaim defaults (SetDefaults_PersistentVolumeClaim and ...Spec):
 * a Filesystem volumeMode, canonical resource quantities and a Pending phase.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { canonicalizeResourceList } from './resource-list.js';

/** The spec defaults, shared with claim templates. */
export function defaultPersistentVolumeClaimSpec(spec: any): void {
  if (!isPlainObject(spec)) return;
  spec.volumeMode ??= 'Filesystem';
  canonicalizeResourceList(spec.resources?.requests);
  canonicalizeResourceList(spec.resources?.limits);
}

/** Fills a PersistentVolumeClaim's defaults in place. */
export function defaultPersistentVolumeClaim(claim: KubeObject): void {
  if (!isPlainObject(claim.spec)) claim.spec = {};
  defaultPersistentVolumeClaimSpec(claim.spec);
  if (!isPlainObject(claim.status)) claim.status = {};
  claim.status.phase ||= 'Pending';
  canonicalizeResourceList(claim.status.capacity);
}
