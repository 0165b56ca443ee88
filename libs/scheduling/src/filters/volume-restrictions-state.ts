/**
 * VolumeRestrictions' PreFilter: every claim the pod's persistentVolumeClaim volumes name
 * must exist (the first missing one refuses every node); a ReadWriteOncePod claim already
 * used by a scheduled pod is a conflict; and the pod's disks that only one node may mount
 * read-write (GCE PD, AWS EBS, RBD, iSCSI) are noted for the per-node Filter. Nothing to
 * check (Skip) without such disks or conflicts.
 */
import type { Pod } from '@kubelab/api';
import type { Volume } from 'kubernetes-types/core/v1';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { persistentClaimNames } from '../volumes/pod-claims.js';
import { claimKey } from '../volumes/pv-helpers.js';

/** What the Filter needs. */
export interface VolumeRestrictionsState {
  /** The pod's volumes that conflict with the same disk mounted by another pod on the node. */
  diskVolumes: readonly Volume[];
  /** "namespace/claim" of the pod's ReadWriteOncePod claims. */
  readWriteOncePod: readonly string[];
  /** How many of those claims scheduled pods use now (conflictingPVCRefCount). */
  conflicts: number;
  /** Per node, how many volumes of its pods use those claims (what removing its pods would take away). */
  refsOnNode: ReadonlyMap<string, number>;
}

/** The first missing claim refuses every node; otherwise the state, or undefined when the Filter has nothing to do. */
export type VolumeRestrictionsPreFilter = { rejection: string } | { state: VolumeRestrictionsState | undefined };

/** needsRestrictionsCheck: a volume kind that one node at a time may mount read-write. */
export function isExclusiveDisk(volume: Volume): boolean {
  return Boolean(volume?.gcePersistentDisk || volume?.awsElasticBlockStore || volume?.rbd || volume?.iscsi);
}

/** Computes the state against the claims (as the API said) and the pods scheduled so far. */
export function volumeRestrictionsState(snapshot: ClusterSnapshot, pod: Pod): VolumeRestrictionsPreFilter {
  const namespace = pod.metadata.namespace ?? 'default';
  const readWriteOncePod: string[] = [];
  for (const name of persistentClaimNames(pod)) {
    const claim = snapshot.volumes.apiClaim(namespace, name);
    if (!claim) return { rejection: `persistentvolumeclaim "${name}" not found` };
    if ((claim.spec?.accessModes ?? []).includes('ReadWriteOncePod')) readWriteOncePod.push(claimKey(namespace, name));
  }
  let conflicts = 0;
  const refsOnNode = new Map<string, number>();
  for (const key of new Set(readWriteOncePod)) {
    let used = false;
    for (const node of snapshot.nodes()) {
      const refs = node.claimRefs.get(key) ?? 0;
      if (refs === 0) continue;
      used = true;
      refsOnNode.set(node.name, (refsOnNode.get(node.name) ?? 0) + refs);
    }
    if (used) conflicts++;
  }
  const diskVolumes = (pod.spec?.volumes ?? []).filter(isExclusiveDisk);
  if (diskVolumes.length === 0 && conflicts === 0) return { state: undefined };
  return { state: { diskVolumes, readWriteOncePod: [...new Set(readWriteOncePod)], conflicts, refsOnNode } };
}
