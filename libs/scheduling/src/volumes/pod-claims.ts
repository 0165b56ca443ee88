/**
 * The PersistentVolumeClaims a pod's volumes use: a persistentVolumeClaim volume names
 * its claim; a generic ephemeral volume's claim is "<pod>-<volume>" (ephemeral.VolumeClaimName),
 * created for the pod by the ephemeral volume controller.
 */
import type { Pod } from '@kubelab/api';

/** One claim a pod's volume uses. */
export interface PodClaim {
  name: string;
  /** From a generic ephemeral volume: the claim must be controlled by the pod. */
  ephemeral: boolean;
}

/** The claims of the pod's volumes, in volume order. */
export function podClaims(pod: Pod): PodClaim[] {
  const claims: PodClaim[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    if (volume?.persistentVolumeClaim) claims.push({ name: String(volume.persistentVolumeClaim.claimName ?? ''), ephemeral: false });
    else if (volume?.ephemeral) claims.push({ name: `${pod.metadata.name}-${volume.name}`, ephemeral: true });
  }
  return claims;
}

/** The names of the claims the pod's persistentVolumeClaim volumes use (what NodeInfo counts as in use). */
export function persistentClaimNames(pod: Pod): string[] {
  return podClaims(pod).filter((c) => !c.ephemeral).map((c) => c.name);
}
