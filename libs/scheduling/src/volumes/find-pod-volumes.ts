/**
 * FindPodVolumes: whether one node suits the pod's claims, and how. Each bound claim's
 * volume must exist and be reachable from the node. Each claim waiting for a consumer
 * either already names a node (it must be this one, and is provisioned there) or gets
 * the smallest fitting Available volume reachable from the node (smallest claims first);
 * what finds none must be provisionable here: a class with a real provisioner whose
 * allowedTopologies admit the node. Storage capacity is not tracked: no CSIDriver asks
 * for it in the lab, and kube-scheduler skips the check for such provisioners.
 */
import { claimClass, type PersistentVolume, type PersistentVolumeClaim } from '@kubelab/api';
import type { NodeInfo } from '../snapshot/node-info.js';
import { findMatchingVolume, storageOf } from './find-matching-volume.js';
import type { DelayedClaim, PodVolumeClaims } from './pod-volume-claims.js';
import { matchesAllowedTopologies, NOT_SUPPORTED_PROVISIONER, SELECTED_NODE_ANNOTATION, volumeNodeAffinityMatches } from './pv-helpers.js';

/** ErrReasonNodeConflict. */
const VOLUME_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
/** ErrReasonBindConflict. */
const VOLUME_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** ErrReasonPVNotExist. */
const VOLUME_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

/** A static volume chosen for a claim. */
export interface StaticBinding {
  volume: PersistentVolume;
  claim: PersistentVolumeClaim;
}

/** How the pod's unbound claims get their volumes on one node (PodVolumes). */
export interface PodVolumes {
  staticBindings: StaticBinding[];
  /** Claims a provisioner creates a volume for, on this node. */
  dynamicProvisions: PersistentVolumeClaim[];
}

/** The node's verdict: conflict reasons (none when it suits), and the volumes planned there. */
export interface PodVolumesOnNode {
  reasons: string[];
  podVolumes: PodVolumes;
}

interface BoundCheck {
  satisfied: boolean;
  volumesFound: boolean;
}

/** checkBoundClaims: stops at the first missing or unreachable volume. */
function checkBoundClaims(claims: PodVolumeClaims, node: NodeInfo): BoundCheck {
  for (const { volume } of claims.bound) {
    if (!volume) return { satisfied: true, volumesFound: false };
    if (!volumeNodeAffinityMatches(volume, node.labels)) return { satisfied: false, volumesFound: true };
  }
  return { satisfied: true, volumesFound: true };
}

/** findMatchingVolumes: smallest claims first, each volume used once. */
function findMatchingVolumes(claims: PodVolumeClaims, toMatch: DelayedClaim[], node: NodeInfo): { found: boolean; bindings: StaticBinding[]; unmatched: DelayedClaim[] } {
  const bySize = [...toMatch].sort((a, b) => storageOf(a.claim.spec?.resources?.requests) - storageOf(b.claim.spec?.resources?.requests));
  const chosen = new Set<string>();
  const bindings: StaticBinding[] = [];
  const unmatched: DelayedClaim[] = [];
  for (const delayed of bySize) {
    const volume = findMatchingVolume(delayed.claim, claims.volumesByClass.get(claimClass(delayed.claim)) ?? [], node.labels, chosen);
    if (!volume) {
      unmatched.push(delayed);
      continue;
    }
    chosen.add(volume.metadata.name!);
    bindings.push({ volume, claim: delayed.claim });
  }
  return { found: unmatched.length === 0, bindings, unmatched };
}

/** checkVolumeProvisions: every claim left can be provisioned on the node, or none is. */
function checkVolumeProvisions(toProvision: DelayedClaim[], node: NodeInfo): PersistentVolumeClaim[] | undefined {
  for (const { storageClass } of toProvision) {
    const provisioner = storageClass.provisioner ?? '';
    if (provisioner === '' || provisioner === NOT_SUPPORTED_PROVISIONER) return undefined;
    if (!matchesAllowedTopologies(storageClass.allowedTopologies, node.labels)) return undefined;
  }
  return toProvision.map((d) => d.claim);
}

function verdict(bound: BoundCheck, unboundSatisfied: boolean, podVolumes: PodVolumes): PodVolumesOnNode {
  const reasons: string[] = [];
  if (!bound.satisfied) reasons.push(VOLUME_NODE_CONFLICT);
  if (!unboundSatisfied) reasons.push(VOLUME_BIND_CONFLICT);
  if (!bound.volumesFound) reasons.push(VOLUME_NOT_EXIST);
  return { reasons, podVolumes };
}

/** Judges one node for the pod's claims as sorted by the PreFilter. */
export function findPodVolumes(claims: PodVolumeClaims, node: NodeInfo): PodVolumesOnNode {
  const bound = claims.bound.length > 0 ? checkBoundClaims(claims, node) : { satisfied: true, volumesFound: true };
  const none: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
  if (claims.delayed.length === 0) return verdict(bound, true, none);
  const toMatch: DelayedClaim[] = [];
  const toProvision: DelayedClaim[] = [];
  for (const delayed of claims.delayed) {
    const selectedNode = delayed.claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
    if (selectedNode === undefined) toMatch.push(delayed);
    else if (selectedNode === node.name) toProvision.push(delayed);
    else return verdict(bound, false, none);
  }
  let staticBindings: StaticBinding[] = [];
  let unboundSatisfied = true;
  if (toMatch.length > 0) {
    const matched = findMatchingVolumes(claims, toMatch, node);
    staticBindings = matched.bindings;
    unboundSatisfied = matched.found;
    toProvision.push(...matched.unmatched);
  }
  let dynamicProvisions: PersistentVolumeClaim[] = [];
  if (toProvision.length > 0) {
    const provisions = checkVolumeProvisions(toProvision, node);
    unboundSatisfied = provisions !== undefined;
    dynamicProvisions = provisions ?? [];
  }
  return verdict(bound, unboundSatisfied, { staticBindings, dynamicProvisions });
}
