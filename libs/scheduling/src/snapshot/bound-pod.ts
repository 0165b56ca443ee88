/**
 * A pod counted on a node, with everything the filters, scores and indexes need read
 * once when it arrives, so no decision re-parses quantities or owner references.
 */
import type { KubeObject, Pod } from '@kubelab/api';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { hasPodAffinity, preferredTerms, requiredTerms, type AffinityTerm, type WeightedAffinityTerm } from '../pod/affinity-terms.js';
import { controllerOwner } from '../pod/controller-owner.js';
import { hostPortsOf, type HostPort } from '../pod/host-ports.js';
import { podPriority } from '../pod/priority.js';
import { nonZeroPodRequests, podRequests } from '../resources/pod-requests.js';
import type { Resources } from '../resources/resources.js';
import { persistentClaimNames } from '../volumes/pod-claims.js';
import { claimKey } from '../volumes/pv-helpers.js';

/** A pod bound (or assumed bound) to a node, pre-digested. */
export interface BoundPod {
  readonly pod: Pod;
  readonly uid: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly requests: Resources;
  readonly nonZeroRequests: Resources;
  readonly priority: number;
  readonly ownerUid: string | undefined;
  readonly hostPorts: readonly HostPort[];
  /** Being deleted: still occupies the node, but topology spreading no longer counts it. */
  readonly terminating: boolean;
  /** Its inter-pod affinity terms, when it has any (they bind pods scheduled after it). */
  readonly affinity: PodAffinityTerms | undefined;
  /** "namespace/claim" of each persistentVolumeClaim volume (NodeInfo's PVCRefCounts). */
  readonly claims: readonly string[];
}

/** A pod's inter-pod affinity, read once. */
export interface PodAffinityTerms {
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
}

/** The pod's affinity terms, or undefined without any. */
export function podAffinityTerms(pod: Pod): PodAffinityTerms | undefined {
  if (!hasPodAffinity(pod)) return undefined;
  return {
    requiredAffinity: requiredTerms(pod, 'podAffinity'),
    requiredAntiAffinity: requiredTerms(pod, 'podAntiAffinity'),
    preferredAffinity: preferredTerms(pod, 'podAffinity'),
    preferredAntiAffinity: preferredTerms(pod, 'podAntiAffinity'),
  };
}

/** Digests a pod for accounting on a node. */
export function boundPod(pod: Pod): BoundPod {
  return {
    pod,
    uid: pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`,
    namespace: pod.metadata.namespace ?? 'default',
    labels: pod.metadata.labels ?? {},
    requests: podRequests(pod),
    nonZeroRequests: nonZeroPodRequests(pod),
    priority: podPriority(pod),
    ownerUid: controllerOwner(pod)?.uid,
    hostPorts: hostPortsOf(pod),
    terminating: Boolean(pod.metadata.deletionTimestamp),
    affinity: podAffinityTerms(pod),
    claims: persistentClaimNames(pod).map((name) => claimKey(pod.metadata.namespace ?? 'default', name)),
  };
}

/** The identity a pod is accounted under: its uid, or namespace/name before it has one. */
export function podKey(pod: KubeObject): string {
  return pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
}

/** The pod as if bound to `nodeName`: what the snapshot counts while the binding is on its way. */
export function podOnNode(pod: Pod, nodeName: string): Pod {
  // Only the node name is added: the spec is the pod's own (every served pod has one).
  return { ...pod, spec: { ...pod.spec, nodeName } as PodSpec };
}
