/**
 * persistentVolumeClaimRetentionPolicy as StatefulSetAutoDeletePVC (beta, on in 1.32)
 * applies it through owner references (stateful_set_utils.go): the garbage collector then
 * deletes a claim with its owner. whenDeleted=Delete makes the set the claim's controller
 * (the claim goes with the set); whenScaled=Delete makes a condemned pod (one past the
 * ordinal range) its controller (the claim goes with that pod). Retain means no reference.
 * A claim another controller owns, or that names an earlier set or pod of the same name
 * (a uid that is not ours), is left alone.
 */
import type { KubeObject, PersistentVolumeClaim, Pod, StatefulSet } from '@kubelab/api';
import type { OwnerReference } from '../replicaset/owner-refs.js';
import { ordinalOf, startOrdinal } from './stateful-pod-identity.js';

type Retention = 'Retain' | 'Delete';

const SET = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
const POD = { apiVersion: 'v1', kind: 'Pod' };

/** getPersistentVolumeClaimRetentionPolicy: Retain for what is not set. */
export function retentionPolicy(set: StatefulSet): { whenDeleted: Retention; whenScaled: Retention } {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  return { whenDeleted: policy.whenDeleted === 'Delete' ? 'Delete' : 'Retain', whenScaled: policy.whenScaled === 'Delete' ? 'Delete' : 'Retain' };
}

const refsOf = (claim: PersistentVolumeClaim): OwnerReference[] => claim.metadata.ownerReferences ?? [];

/** matchesRef: the reference names the object (group/version, kind and name; not the uid). */
function matchesRef(ref: OwnerReference, object: KubeObject, type: { apiVersion: string; kind: string }): boolean {
  return ref.apiVersion === type.apiVersion && ref.kind === type.kind && ref.name === object.metadata.name;
}

/** hasOwnerRef: some reference carries the owner's uid. */
function hasOwnerRef(claim: PersistentVolumeClaim, owner: KubeObject): boolean {
  return refsOf(claim).some((ref) => ref.uid === owner.metadata.uid);
}

/** hasStaleOwnerRef: the first reference naming the object carries another uid (an earlier object of that name). */
function hasStaleOwnerRef(claim: PersistentVolumeClaim, object: KubeObject, type: { apiVersion: string; kind: string }): boolean {
  const ref = refsOf(claim).find((r) => matchesRef(r, object, type));
  return ref !== undefined && ref.uid !== object.metadata.uid;
}

/** podInOrdinalRange: the pod's ordinal is one the set keeps. */
function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ordinal = ordinalOf(pod) ?? -1;
  const start = startOrdinal(set);
  return ordinal >= start && ordinal < start + Number(set.spec?.replicas ?? 1);
}

/**
 * hasUnexpectedController: under a Delete policy, another controller manages the claim, or a
 * reference to the set or pod carries a uid that is not theirs (the claim was orphaned).
 */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const policy = retentionPolicy(set);
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false;
  for (const ref of refsOf(claim)) {
    if (matchesRef(ref, set, SET)) {
      if (ref.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(ref, pod, POD)) {
      if (ref.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (ref.controller === true) return true;
  }
  return false;
}

/** hasNonControllerOwner: the set or pod owns the claim without being its controller. */
function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return refsOf(claim).some((ref) => (ref.uid === set.metadata.uid || ref.uid === pod.metadata.uid) && ref.controller !== true);
}

/**
 * isClaimOwnerUpToDate: the claim's references already say what the policy wants (stale or
 * foreign ones count as up to date: they are not ours to touch).
 *   Retain/Retain: no reference; whenDeleted=Delete: the set's; whenScaled=Delete: the pod's
 *   once it is condemned; both Delete: the set's while the pod is in range, the pod's after.
 */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (hasStaleOwnerRef(claim, set, SET) || hasStaleOwnerRef(claim, pod, POD)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const policy = retentionPolicy(set);
  const setRef = hasOwnerRef(claim, set);
  const podRef = hasOwnerRef(claim, pod);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (policy.whenScaled === 'Retain') return setRef === (policy.whenDeleted === 'Delete') && !podRef;
  if (policy.whenDeleted === 'Retain') return !setRef && podRef === scaledDown;
  return setRef !== scaledDown && podRef === scaledDown;
}

function controllerRef(owner: KubeObject, type: { apiVersion: string; kind: string }): OwnerReference {
  return { ...type, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/**
 * updateClaimOwnerRefForSetAndPod: the claim's references with ours scrubbed and put back as
 * the policy wants (none when another controller manages the claim).
 */
export function claimOwnerReferences(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  const refs = refsOf(claim).filter((ref) => !matchesRef(ref, set, SET) && !matchesRef(ref, pod, POD));
  if (unexpected) return refs;
  const policy = retentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  const add = (owner: KubeObject, type: typeof SET) => {
    if (!refs.some((ref) => ref.uid === owner.metadata.uid)) refs.push(controllerRef(owner, type));
  };
  if (policy.whenScaled === 'Delete' && scaledDown) add(pod, POD);
  if (policy.whenDeleted === 'Delete' && (policy.whenScaled === 'Retain' || !scaledDown)) add(set, SET);
  return refs;
}

/** The claim is owned by an earlier pod of this pod's name (one not yet created has no uid, so any is earlier). */
export function ownedByEarlierPod(claim: PersistentVolumeClaim, pod: Pod): boolean {
  return hasStaleOwnerRef(claim, pod, POD);
}
