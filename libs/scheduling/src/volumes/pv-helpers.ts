/**
 * What kube-scheduler reads off claims and volumes to bind them (component-helpers'
 * storage/volume pv_helpers.go and helpers.go): their class, whether a volume is
 * promised to a claim, whether a claim is bound for good, whether a node can reach a
 * volume, and the volume as the scheduler rewrites it to bind it to a claim.
 */
import { isVolumeBoundToClaim, type PersistentVolume, type PersistentVolumeClaim } from '@kubelab/api';
import type { ObjectReference, TopologySelectorTerm } from 'kubernetes-types/core/v1';
import { termsMatcher } from '../node/node-selector.js';

/** Set on a claim the binder has fully bound (AnnBindCompleted). */
const BIND_COMPLETED_ANNOTATION = 'pv.kubernetes.io/bind-completed';
/** Set on a volume a controller (not its author) bound to a claim (AnnBoundByController). */
const BOUND_BY_CONTROLLER_ANNOTATION = 'pv.kubernetes.io/bound-by-controller';
/** The node the scheduler chose for a WaitForFirstConsumer claim (AnnSelectedNode). */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
/** The provisioner of classes whose volumes an administrator creates by hand. */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** "namespace/name", the key kube-scheduler's claim caches use. */
export function claimKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** isPVCFullyBound: the binder named the volume and finished (AnnBindCompleted). */
export function isClaimFullyBound(claim: PersistentVolumeClaim): boolean {
  return Boolean(claim.spec?.volumeName) && claim.metadata.annotations?.[BIND_COMPLETED_ANNOTATION] !== undefined;
}

/**
 * CheckNodeAffinity: a volume without required node affinity is reachable everywhere;
 * otherwise one of its terms must match the node's labels (only its labels: the node is
 * rebuilt from them, so matchFields never match).
 */
export function volumeNodeAffinityMatches(volume: PersistentVolume, nodeLabels: Readonly<Record<string, string>>): boolean {
  const required = volume.spec?.nodeAffinity?.required;
  if (!required) return true;
  return termsMatcher(required.nodeSelectorTerms ?? [])({ name: '', labels: nodeLabels });
}

/** MatchTopologySelectorTerms: no terms match every node; an empty term matches none; expressions are ANDed "key in values". */
export function matchesAllowedTopologies(terms: readonly TopologySelectorTerm[] | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((term) => {
    const expressions = term.matchLabelExpressions ?? [];
    return expressions.length > 0 && expressions.every((e) => e.key in labels && (e.values ?? []).includes(labels[e.key]));
  });
}

/** reference.GetReference of a claim, as the scheduler writes it into a volume's claimRef. */
function claimReference(claim: PersistentVolumeClaim): ObjectReference {
  const { namespace, name, uid, resourceVersion } = claim.metadata;
  return {
    kind: 'PersistentVolumeClaim', namespace: namespace ?? '', name: name ?? '',
    ...(uid ? { uid } : {}), apiVersion: 'v1', ...(resourceVersion ? { resourceVersion } : {}),
  };
}

/**
 * GetBindVolumeToClaim: the volume with its claimRef pointing at the claim and, when no
 * one had promised it to the claim before, marked bound by a controller; `dirty` when it
 * differs from the volume given.
 */
export function bindVolumeToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): { volume: PersistentVolume; dirty: boolean } {
  const ref = volume.spec?.claimRef;
  const boundByController = !isVolumeBoundToClaim(volume, claim);
  const refMatches = ref && ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace && (ref.uid ?? '') === (claim.metadata.uid ?? '');
  const annotations = volume.metadata.annotations ?? {};
  const annotate = boundByController && annotations[BOUND_BY_CONTROLLER_ANNOTATION] === undefined;
  if (refMatches && !annotate) return { volume, dirty: false };
  const bound: PersistentVolume = {
    ...volume,
    metadata: annotate ? { ...volume.metadata, annotations: { ...annotations, [BOUND_BY_CONTROLLER_ANNOTATION]: 'yes' } } : volume.metadata,
    spec: refMatches ? volume.spec : { ...volume.spec, claimRef: claimReference(claim) },
  };
  return { volume: bound, dirty: true };
}
