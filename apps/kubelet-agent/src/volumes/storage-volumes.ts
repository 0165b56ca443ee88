/**
 * The volumes of a pod whose files live in the lab's volume store rather than in the pod
 * (PersistentVolumeClaims, generic ephemeral volumes, hostPath), and how the kubelet's
 * desired-state-of-world populator judges a claim before its volume may be mounted
 * (pkg/kubelet/volumemanager/populator, 1.32): each problem is worded as it words it, and
 * WaitForAttachAndMount's FailedMount event gathers them.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '@kubelab/api';
import type { Container, EphemeralContainer } from 'kubernetes-types/core/v1';

/** A volume of the pod backed by the volume store, as its spec names it. */
export type StorageVolume =
  | {
    kind: 'claim';
    /** The pod's name for the volume. */
    name: string;
    claimName: string;
    readOnly: boolean;
    /** A generic ephemeral volume: its claim must have been made for this pod. */
    ephemeral: boolean;
    /** Used by a volumeMount (a file system) or by a volumeDevice (a raw block device). */
    usage: 'mount' | 'device';
  }
  | { kind: 'hostPath'; name: string; path: string; type: string };

/** The names of the volumes the pod's containers use (GetPodVolumeNames): volumeMounts, and volumeDevices. */
export function usedVolumeNames(pod: Pod): { mounts: Set<string>; devices: Set<string> } {
  const spec = pod.spec;
  const containers: (Container | EphemeralContainer)[] = [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])];
  return {
    mounts: new Set(containers.flatMap((c) => (c.volumeMounts ?? []).map((m) => m.name))),
    devices: new Set(containers.flatMap((c) => (c.volumeDevices ?? []).map((d) => d.name))),
  };
}

/** The pod's store-backed volumes that a container uses, in spec order; a volume no container uses is skipped, as the populator skips it. */
export function storageVolumes(pod: Pod): StorageVolume[] {
  const { mounts, devices } = usedVolumeNames(pod);
  const volumes: StorageVolume[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (!mounts.has(v.name) && !devices.has(v.name)) continue;
    const usage = mounts.has(v.name) ? 'mount' : 'device';
    if (v.persistentVolumeClaim) {
      volumes.push({ kind: 'claim', name: v.name, claimName: v.persistentVolumeClaim.claimName, readOnly: v.persistentVolumeClaim.readOnly === true, ephemeral: false, usage });
    } else if (v.ephemeral) {
      volumes.push({ kind: 'claim', name: v.name, claimName: `${pod.metadata.name}-${v.name}`, readOnly: false, ephemeral: true, usage });
    } else if (v.hostPath) {
      volumes.push({ kind: 'hostPath', name: v.name, path: v.hostPath.path, type: v.hostPath.type ?? '' });
    }
  }
  return volumes;
}

/** getPVCExtractPV: why a claim that exists cannot be used yet; undefined when it is bound to a volume. */
export function claimProblem(claim: PersistentVolumeClaim): string | undefined {
  // Even one kubernetes.io/pvc-protection still holds for a pod using it (1.33 lets such a pod's volumes be mounted again).
  if (claim.metadata.deletionTimestamp) return 'PVC is being deleted';
  if (claim.status?.phase !== 'Bound') return 'PVC is not bound';
  if (!claim.spec?.volumeName) return 'PVC has empty pvc.Spec.VolumeName';
  return undefined;
}

/** ephemeral.VolumeIsForPod: a generic ephemeral volume's claim must be controlled by the pod. */
export function ephemeralClaimProblem(pod: Pod, claim: PersistentVolumeClaim): string | undefined {
  const owned = (claim.metadata.ownerReferences ?? []).some((ref) => ref.controller === true && ref.uid === pod.metadata.uid);
  if (owned) return undefined;
  return `PVC ${claim.metadata.namespace}/${claim.metadata.name} was not created for pod ${pod.metadata.namespace}/${pod.metadata.name} (pod is not owner)`;
}

/** getPVSpec: why the volume a claim names is not the claim's; undefined when its claimRef points back at the claim. */
export function boundVolumeProblem(volume: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  const name = volume.metadata.name;
  const claimRef = volume.spec?.claimRef;
  if (!claimRef) return `found PV object ${name} but it has a nil pv.Spec.ClaimRef indicating it is not yet bound to the claim`;
  if (claimRef.uid !== claim.metadata.uid) return `found PV object ${name} but its pv.Spec.ClaimRef.UID ${claimRef.uid ?? ''} does not point to claim.UID ${claim.metadata.uid}`;
  return undefined;
}

/** createVolumeSpec: a Block volume cannot be mounted as a file system, nor a Filesystem one given as a device. */
export function volumeModeProblem(volume: Extract<StorageVolume, { kind: 'claim' }>, persistentVolume: PersistentVolume): string | undefined {
  const mode = persistentVolume.spec?.volumeMode ?? 'Filesystem';
  if (volume.usage === 'mount' && mode !== 'Filesystem') return `volume ${volume.name} has volumeMode ${mode}, but is specified in volumeMounts`;
  if (volume.usage === 'device' && mode !== 'Block') return `volume ${volume.name} has volumeMode ${mode}, but is specified in volumeDevices`;
  return undefined;
}

/** The populator's wrapping of a claim's problem. */
export const claimProcessingError = (namespace: string, claimName: string, problem: string) => `error processing PVC ${namespace}/${claimName}: ${problem}`;

/** A fetch the API refused or could not answer, as client-go's error reads (the Status message). */
export const fetchError = (what: 'PVC' | `PV ${string}`, message: string) => `failed to fetch ${what} from API server: ${message}`;

const goList = (names: readonly string[]) => `[${[...names].sort().join(' ')}]`;

/**
 * The FailedMount event of SyncPod when WaitForAttachAndMount returns the populator's errors: none of the
 * lab's volume plugins attaches, so no volume is ever waiting to be attached.
 */
export function unableToAttachOrMount(unmounted: readonly string[], failedToProcess: readonly string[], errors: readonly string[]): string {
  return `Unable to attach or mount volumes: unmounted volumes=${goList(unmounted)}, unattached volumes=[], failed to process volumes=${goList(failedToProcess)}: ${errors.join('; ')}`;
}
