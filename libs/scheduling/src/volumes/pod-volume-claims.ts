/**
 * VolumeBinding's PreFilter (podHasPVCs, then GetPodVolumeClaims): every claim the pod
 * uses must exist, not be Lost nor being deleted (an ephemeral one must belong to the
 * pod); claims bound for good are checked per node against their volume, claims of a
 * WaitForFirstConsumer class wait for a node, and an unbound claim of any other class
 * (or one named on a volume but not yet bound) makes the pod unschedulable everywhere.
 */
import { claimClass, type PersistentVolume, type PersistentVolumeClaim, type Pod, type StorageClass } from '@kubelab/api';
import { isClaimFullyBound } from './pv-helpers.js';
import { podClaims } from './pod-claims.js';
import type { VolumeSnapshot } from './volume-snapshot.js';

/** A claim bound for good, and its volume (undefined when the volume does not exist). */
export interface BoundClaim {
  claim: PersistentVolumeClaim;
  volume: PersistentVolume | undefined;
}

/** An unbound claim of a WaitForFirstConsumer class, with its class. */
export interface DelayedClaim {
  claim: PersistentVolumeClaim;
  storageClass: StorageClass;
}

/** The pod's claims sorted for the per-node Filter (the cycle state). */
export interface PodVolumeClaims {
  bound: BoundClaim[];
  delayed: DelayedClaim[];
  /** The volumes of each delayed claim's class, as assumed (unboundVolumesDelayBinding). */
  volumesByClass: ReadonlyMap<string, readonly PersistentVolume[]>;
}

/** Nothing to do (no claims), every node refused with one message, or the claims to place. */
export type VolumeBindingPreFilter = { skip: true } | { rejection: string } | { claims: PodVolumeClaims };

/** The PreFilter rejection text kube-scheduler gives for an immediate claim still unbound. */
const UNBOUND_IMMEDIATE_CLAIMS = 'pod has unbound immediate PersistentVolumeClaims';

function isControlledBy(claim: PersistentVolumeClaim, pod: Pod): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata.uid);
}

/** podHasPVCs' refusal for one claim, judged on the API's view of it. */
function claimProblem(pod: Pod, name: string, ephemeral: boolean, claim: PersistentVolumeClaim | undefined): string | undefined {
  if (!claim) {
    return ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
  }
  if (claim.status?.phase === 'Lost') return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"`;
  if (claim.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
  if (ephemeral && !isControlledBy(claim, pod)) {
    return `PVC ${claim.metadata.namespace}/${name} was not created for pod ${pod.metadata.namespace}/${pod.metadata.name} (pod is not owner)`;
  }
  return undefined;
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer. */
function delayingClass(volumes: VolumeSnapshot, claim: PersistentVolumeClaim): StorageClass | undefined {
  const name = claimClass(claim);
  const storageClass = name ? volumes.storageClass(name) : undefined;
  return storageClass?.volumeBindingMode === 'WaitForFirstConsumer' ? storageClass : undefined;
}

/** Sorts the pod's claims, or says why no node can take the pod. */
export function podVolumeClaims(volumes: VolumeSnapshot, pod: Pod): VolumeBindingPreFilter {
  const namespace = pod.metadata.namespace ?? 'default';
  const used = podClaims(pod);
  if (used.length === 0) return { skip: true };
  for (const { name, ephemeral } of used) {
    const problem = claimProblem(pod, name, ephemeral, volumes.apiClaim(namespace, name));
    if (problem) return { rejection: problem };
  }
  const bound: BoundClaim[] = [];
  const delayed: DelayedClaim[] = [];
  for (const { name } of used) {
    const claim = volumes.claim(namespace, name)!;
    const volumeName = claim.spec?.volumeName;
    if (volumeName && isClaimFullyBound(claim)) {
      bound.push({ claim, volume: volumes.volume(volumeName) });
      continue;
    }
    const storageClass = delayingClass(volumes, claim);
    if (!storageClass || volumeName) return { rejection: UNBOUND_IMMEDIATE_CLAIMS };
    delayed.push({ claim, storageClass });
  }
  const volumesByClass = new Map<string, PersistentVolume[]>();
  for (const { storageClass } of delayed) volumesByClass.set(storageClass.metadata.name!, volumes.volumesOfClass(storageClass.metadata.name!));
  return { claims: { bound, delayed, volumesByClass } };
}
