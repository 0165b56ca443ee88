/**
 * The PVC and PV protection controllers (pkg/controller/volume/pvcprotection, pvprotection) as
 * decisions: a claim being deleted loses kubernetes.io/pvc-protection once no scheduled pod refers
 * to it (a pod's claim volume, or its generic ephemeral volume's claim while the pod is not shut
 * down); a volume being deleted loses kubernetes.io/pv-protection once it is not Bound. Either
 * finalizer is added to an object that lacks it and is not being deleted (objects older than the
 * admission plugin).
 */
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER, type KubeObject, type PersistentVolume, type PersistentVolumeClaim, type Pod } from '@kubelab/api';

/** The write a protection controller makes: the object with its finalizers as they are to be. */
export interface ProtectionWrite {
  type: 'AddFinalizer' | 'RemoveFinalizer';
  object: KubeObject;
}

/** podIsShutDown: the kubelet is done with it (deleted with a zero grace period) or it was force-deleted. */
const podIsShutDown = (pod: Pod) => Boolean(pod.metadata.deletionTimestamp) && pod.metadata.deletionGracePeriodSeconds === 0;

/** podUsesPVC: only a scheduled pod counts; a kubelet never starts a pod whose claim is being deleted. */
export function podUsesClaim(pod: Pod, claim: PersistentVolumeClaim): boolean {
  if (!pod.spec?.nodeName || pod.metadata.namespace !== claim.metadata.namespace) return false;
  return (pod.spec.volumes ?? []).some((v) => {
    if (v.persistentVolumeClaim?.claimName === claim.metadata.name) return true;
    if (!v.ephemeral || podIsShutDown(pod) || `${pod.metadata.name}-${v.name}` !== claim.metadata.name) return false;
    return (claim.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata.uid);
  });
}

function protect(object: KubeObject, finalizer: string, inUse: () => boolean): ProtectionWrite | undefined {
  const finalizers: string[] = object.metadata.finalizers ?? [];
  const has = finalizers.includes(finalizer);
  if (object.metadata.deletionTimestamp) {
    if (!has || inUse()) return undefined;
    return { type: 'RemoveFinalizer', object: { ...object, metadata: { ...object.metadata, finalizers: finalizers.filter((f) => f !== finalizer) } } };
  }
  if (has) return undefined;
  return { type: 'AddFinalizer', object: { ...object, metadata: { ...object.metadata, finalizers: [...finalizers, finalizer] } } };
}

/** processPVC: what the PVC protection controller writes about `claim`, given the pods of its namespace. */
export function protectClaim(claim: PersistentVolumeClaim, pods: readonly Pod[]): ProtectionWrite | undefined {
  return protect(claim, PVC_PROTECTION_FINALIZER, () => pods.some((p) => podUsesClaim(p, claim)));
}

/** processPV: what the PV protection controller writes about `volume`. */
export function protectVolume(volume: PersistentVolume): ProtectionWrite | undefined {
  return protect(volume, PV_PROTECTION_FINALIZER, () => volume.status?.phase === 'Bound');
}
