/**
 * Everything about the incoming pod that the filters and scores need, worked out
 * once per decision (kube-scheduler's PreFilter/PreScore cycle state) so that each
 * node costs only comparisons.
 */
import type { Pod } from '@kubelab/api';
import { requiredNodeMatcher, type NodeMatcher } from '../node/node-selector.js';
import type { Toleration } from '../node/tolerations.js';
import { boundPod, type BoundPod } from '../snapshot/bound-pod.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { podVolumeClaims, type PodVolumeClaims } from '../volumes/pod-volume-claims.js';
import { interPodAffinityState, type InterPodAffinityState } from './inter-pod-affinity-state.js';
import { unresolvable, type Rejection } from './rejection.js';
import { spreadFilterState, type SpreadFilterState } from './spread-filter-state.js';
import { volumeRestrictionsState, type VolumeRestrictionsState } from './volume-restrictions-state.js';

/** The incoming pod, digested for one scheduling cycle. */
export interface PodContext {
  pod: Pod;
  entry: BoundPod;
  tolerations: readonly Toleration[];
  /** nodeSelector and required node affinity together. */
  nodeMatches: NodeMatcher;
  /** Hard topology spread counts, when the pod has DoNotSchedule constraints. */
  hardSpread: SpreadFilterState | undefined;
  /** Required inter-pod affinity counts, when the pod or a pod in the cluster has required terms. */
  podAffinity: InterPodAffinityState | undefined;
  /** Exclusive disks and ReadWriteOncePod conflicts, when there is anything to check. */
  volumeRestrictions: VolumeRestrictionsState | undefined;
  /** The pod's claims sorted for binding, when it uses any. */
  volumeClaims: PodVolumeClaims | undefined;
  /** A PreFilter that refused every node at once (a claim missing, being deleted, unbound…): no node is examined. */
  preFilterRejection: Rejection | undefined;
}

/** The volume plugins' PreFilters, in profile order (VolumeRestrictions, then VolumeBinding); the first refusal ends them. */
function volumeStates(snapshot: ClusterSnapshot, pod: Pod): Pick<PodContext, 'volumeRestrictions' | 'volumeClaims' | 'preFilterRejection'> {
  const none = { volumeRestrictions: undefined, volumeClaims: undefined };
  const restrictions = volumeRestrictionsState(snapshot, pod);
  if ('rejection' in restrictions) return { ...none, preFilterRejection: unresolvable('VolumeRestrictions', restrictions.rejection) };
  const binding = podVolumeClaims(snapshot.volumes, pod);
  if ('rejection' in binding) return { ...none, preFilterRejection: unresolvable('VolumeBinding', binding.rejection) };
  return { volumeRestrictions: restrictions.state, volumeClaims: 'claims' in binding ? binding.claims : undefined, preFilterRejection: undefined };
}

/** Digests the pod against the snapshot's current state. */
export function podContext(snapshot: ClusterSnapshot, pod: Pod): PodContext {
  const nodeMatches = requiredNodeMatcher(pod.spec);
  const entry = boundPod(pod);
  return {
    pod,
    entry,
    tolerations: pod.spec?.tolerations ?? [],
    nodeMatches,
    hardSpread: spreadFilterState(snapshot, pod, nodeMatches),
    podAffinity: interPodAffinityState(snapshot, entry),
    ...volumeStates(snapshot, pod),
  };
}
