/**
 * storage.k8s.io/v1 CSIDriver defaults (SetDefaults_CSIDriver, with 1.32's
 * SELinuxMountReadWriteOncePod on): attach required, no pod info, capacity tracking or
 * republish, fsGroup applied for ReadWriteOnce volumes with an fsType, persistent volumes only.
 */
import type { CSIDriver } from '../../typed-objects.js';
import { objectField } from './object-field.js';

/** Fills a CSIDriver's defaults in place. */
export function defaultCSIDriver(driver: CSIDriver): void {
  const spec = objectField(driver, 'spec');
  spec.attachRequired ??= true;
  spec.podInfoOnMount ??= false;
  spec.storageCapacity ??= false;
  spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
  if (!Array.isArray(spec.volumeLifecycleModes) || spec.volumeLifecycleModes.length === 0) spec.volumeLifecycleModes = ['Persistent'];
  spec.requiresRepublish ??= false;
  spec.seLinuxMount ??= false;
}
