/**
 * A StatefulSet pod's identity (stateful_set_utils.go): the name "<set>-<ordinal>",
 * the labels that pin it, and the revision it was made from.
 */
import type { Pod, StatefulSet } from '@kubelab/api';

/** The label naming the pod, so a Service can select one replica. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** The label carrying the pod's ordinal (PodIndexLabel, on since 1.28). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** The label naming the ControllerRevision the pod was made from. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

const STATEFUL_POD_NAME = /^(.*)-([0-9]+)$/;

/** The ordinal in a pod's name, or undefined when the name has none. */
export function ordinalOf(pod: Pod): number | undefined {
  const match = STATEFUL_POD_NAME.exec(pod.metadata.name ?? '');
  return match ? Number.parseInt(match[2], 10) : undefined;
}

/** isMemberOf: the pod's name says it belongs to `set`. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return STATEFUL_POD_NAME.exec(pod.metadata.name ?? '')?.[1] === set.metadata.name;
}

/** The name of the pod at `ordinal`. */
export function statefulPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** The revision name on the pod ('' when it has none). */
export function podRevision(pod: Pod): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
}

/** spec.ordinals.start: the first ordinal of the set (0 unless set). */
export function startOrdinal(set: StatefulSet): number {
  return Number(set.spec?.ordinals?.start ?? 0);
}
