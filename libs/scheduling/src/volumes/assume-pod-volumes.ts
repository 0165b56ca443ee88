/**
 * VolumeBinding's Reserve and Unreserve (AssumePodVolumes, RevertAssumedPodVolumes): once
 * the node is chosen, the chosen volumes are assumed bound to their claims and the claims
 * to provision are assumed annotated with the node, so later decisions see them taken;
 * the result is what PreBind writes. Nothing to write when every claim is already bound.
 */
import type { PersistentVolumeClaim, Pod } from '@kubelab/api';
import type { PodVolumes, StaticBinding } from './find-pod-volumes.js';
import { bindVolumeToClaim, isClaimFullyBound, SELECTED_NODE_ANNOTATION } from './pv-helpers.js';
import { podClaims } from './pod-claims.js';
import type { VolumeSnapshot } from './volume-snapshot.js';

/** What PreBind must write and wait for: volumes bound to claims, claims annotated with the node. */
export interface ReservedVolumes {
  staticBindings: StaticBinding[];
  dynamicProvisions: PersistentVolumeClaim[];
}

/** arePodVolumesBound: every claim of the pod is bound for good (as assumed). */
export function arePodVolumesBound(volumes: VolumeSnapshot, pod: Pod): boolean {
  const namespace = pod.metadata.namespace ?? 'default';
  return podClaims(pod).every(({ name }) => {
    const claim = volumes.claim(namespace, name);
    return claim !== undefined && isClaimFullyBound(claim);
  });
}

/** Assumes the planned bindings and provisions for `nodeName`; undefined when every claim is bound already. */
export function assumePodVolumes(volumes: VolumeSnapshot, pod: Pod, nodeName: string, planned: PodVolumes): ReservedVolumes | undefined {
  if (arePodVolumesBound(volumes, pod)) return undefined;
  const staticBindings = planned.staticBindings.map(({ volume, claim }) => {
    const bound = bindVolumeToClaim(volume, claim);
    if (bound.dirty) volumes.assumeVolume(bound.volume);
    return { volume: bound.volume, claim };
  });
  const dynamicProvisions = planned.dynamicProvisions.map((claim) => {
    const annotated: PersistentVolumeClaim = { ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations, [SELECTED_NODE_ANNOTATION]: nodeName } } };
    volumes.assumeClaim(annotated);
    return annotated;
  });
  return { staticBindings, dynamicProvisions };
}

/** Unreserve: the assumed volumes and claims go back to what the API said. */
export function revertAssumedPodVolumes(volumes: VolumeSnapshot, reserved: ReservedVolumes): void {
  for (const { volume } of reserved.staticBindings) volumes.restoreVolume(volume.metadata.name!);
  for (const claim of reserved.dynamicProvisions) volumes.restoreClaim(claim.metadata.namespace!, claim.metadata.name!);
}
