/**
 * The annotations and helpers the volume controllers share (k8s.io/component-helpers/storage/volume):
 * how a binding is recorded on claims and volumes, who provisions, which node was chosen.
 */
import type { KubeObject, PersistentVolumeClaim, Pod } from '@kubelab/api';

/** On a claim: its binding completed once (then it is judged as a bound claim). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a claim or a volume: the controller made the binding (a user pre-bound it otherwise). */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: the node the scheduler chose for a WaitForFirstConsumer claim, the provisioner's cue. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a volume: the provisioner that made it. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** On a claim: the provisioner asked to make its volume. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
/** The same, under its deprecated beta name, still written beside it. */
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** On a volume: the capacity before a resize that waits for the file system (read when binding). */
export const ANN_PRE_RESIZE_CAPACITY = 'volume.alpha.kubernetes.io/pre-resize-capacity';

/** metav1.HasAnnotation. */
export const hasAnnotation = (o: KubeObject, key: string): boolean => Object.hasOwn(o.metadata.annotations ?? {}, key);

/** The object with `key` set to `value` among its annotations (a copy). */
export function withAnnotation<T extends KubeObject>(o: T, key: string, value: string): T {
  return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [key]: value } } };
}

/** "namespace/name" of a claim, as the controllers' messages name it. */
export const claimKey = (claim: PersistentVolumeClaim): string => `${claim.metadata.namespace}/${claim.metadata.name}`;

/** util.IsPodTerminated: Succeeded or Failed, or being deleted with no container running any more. */
export function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  const statuses = pod.status?.containerStatuses ?? [];
  return pod.metadata.deletionTimestamp !== undefined && statuses.every((s) => s.state?.running === undefined);
}

/** The claim names a pod's volumes refer to (persistentVolumeClaim sources and generic ephemeral volumes' claims). */
export function claimNamesOfPod(pod: Pod): string[] {
  return (pod.spec?.volumes ?? []).flatMap((v) => {
    if (v.persistentVolumeClaim?.claimName) return [v.persistentVolumeClaim.claimName];
    if (v.ephemeral) return [`${pod.metadata.name}-${v.name}`];
    return [];
  });
}
