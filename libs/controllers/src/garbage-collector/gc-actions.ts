/** What the garbage collector decides, as data for the shell to carry out. */
import type { KubeObject } from '@kubelab/api';

/**
 * One step for the shell: delete a dependent whose owners are gone (or being deleted
 * in the foreground), drop owner references (orphaning, or dangling ones beside a live
 * owner), or drop an owner's orphan/foregroundDeletion finalizer once that is done.
 */
export type GcAction =
  | { type: 'DeleteDependent'; object: KubeObject; propagationPolicy: 'Background' | 'Foreground'; reason: string }
  | { type: 'RemoveOwnerReferences'; object: KubeObject; ownerUids: string[] }
  | { type: 'RemoveFinalizer'; object: KubeObject; finalizer: string };

/** Deleting an owner with propagationPolicy Orphan leaves this finalizer. */
export const ORPHAN_FINALIZER = 'orphan';

/** Deleting an owner with propagationPolicy Foreground leaves this finalizer. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
