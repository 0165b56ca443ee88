/**
 * Growing a bound claim's volume. The expand controller (pkg/controller/volume/expand) finds no
 * in-tree plugin for the lab's volumes and says an external controller is to expand the claim
 * (ExternalExpanding). For kubelab.dev/shared volumes, the lab's external resizer (doing what a CSI
 * driver's external-resizer does, with RecoverVolumeExpansionFailure on as in 1.32) marks the claim Resizing with
 * the size allocated, grows the volume, and marks the claim resized: an emulated volume has no file
 * system to grow on a node, so FileSystemResizePending never comes.
 */
import { compareQuantities, SHARED_PROVISIONER, type PersistentVolume, type PersistentVolumeClaim } from '@kubelab/api';
import type { ClaimEvent } from './lab-provisioners.js';
import { ANN_DYNAMICALLY_PROVISIONED } from './volume-annotations.js';

/** The condition types a resize sets and clears on a claim. */
const RESIZE_CONDITIONS = new Set(['Resizing', 'FileSystemResizePending', 'ControllerResizeError', 'NodeResizeError']);

const requestOf = (claim: PersistentVolumeClaim): string => String(claim.spec?.resources?.requests?.storage ?? '0');
const capacityOf = (claim: PersistentVolumeClaim): string => String(claim.status?.capacity?.storage ?? '0');

/** A bound claim whose request is above its capacity, with the volume it is bound to. */
function growing(claim: PersistentVolumeClaim, volume: PersistentVolume | undefined): volume is PersistentVolume {
  if (claim.status?.phase !== 'Bound' || !volume) return false;
  const ref = volume.spec?.claimRef;
  if (ref?.namespace !== claim.metadata.namespace || ref?.uid !== claim.metadata.uid) return false;
  return compareQuantities(requestOf(claim), capacityOf(claim)) > 0;
}

/** The expand controller's word on a claim that asks for more than it has: no plugin here, an external resizer must act. */
export function expansionEvent(claim: PersistentVolumeClaim, volume: PersistentVolume | undefined): ClaimEvent | undefined {
  if (!growing(claim, volume)) return undefined;
  return { eventType: 'Warning', reason: 'ExternalExpanding', message: 'waiting for an external controller to expand this PVC' };
}

/** One step of the lab's external resizer: a merge patch of the claim's status or of the volume, and the event after it. */
export type ResizeStep =
  | { type: 'PatchClaimStatus'; patch: Record<string, unknown>; event?: ClaimEvent }
  | { type: 'PatchVolume'; patch: Record<string, unknown> };

/**
 * The external resizer of kubelab.dev/shared volumes: the steps that take a growing claim to its new
 * size (empty when there is nothing to do). `now` stamps the Resizing condition.
 */
export function resizeSharedVolume(claim: PersistentVolumeClaim, volume: PersistentVolume | undefined, now: string): ResizeStep[] {
  if (!growing(claim, volume) || volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== SHARED_PROVISIONER) return [];
  const size = requestOf(claim);
  const kept = (claim.status?.conditions ?? []).filter((c) => !RESIZE_CONDITIONS.has(c.type));
  const otherStatuses = Object.entries(claim.status?.allocatedResourceStatuses ?? {}).filter(([resource]) => resource !== 'storage');
  return [
    {
      type: 'PatchClaimStatus',
      patch: {
        status: {
          conditions: [...kept, { type: 'Resizing', status: 'True', lastProbeTime: null, lastTransitionTime: now }],
          allocatedResources: { storage: size }, allocatedResourceStatuses: { storage: 'ControllerResizeInProgress' },
        },
      },
      event: { eventType: 'Normal', reason: 'Resizing', message: `External resizer is resizing volume ${volume.metadata.name}` },
    },
    { type: 'PatchVolume', patch: { spec: { capacity: { storage: size } } } },
    {
      type: 'PatchClaimStatus',
      patch: {
        status: {
          capacity: { storage: size }, conditions: kept.length > 0 ? kept : null,
          allocatedResourceStatuses: otherStatuses.length > 0 ? { storage: null } : null,
        },
      },
      event: { eventType: 'Normal', reason: 'VolumeResizeSuccessful', message: 'Resize volume succeeded' },
    },
  ];
}
