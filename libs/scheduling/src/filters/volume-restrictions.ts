/**
 * VolumeRestrictions (filter): a disk one node may mount read-write at a time (the same
 * GCE PD unless both read-only, the same AWS EBS volume, iSCSI IQN unless both read-only,
 * RBD image on a shared monitor unless both read-only) cannot join a pod that mounts it
 * there; a ReadWriteOncePod claim another pod uses refuses every node, except where
 * preemption would remove that pod. Both are Unschedulable: evicting pods may help.
 */
import type { Volume } from 'kubernetes-types/core/v1';
import type { NodeInfo } from '../snapshot/node-info.js';
import type { PodContext } from './pod-context.js';
import { resolvable, type Rejection } from './rejection.js';
import { isExclusiveDisk } from './volume-restrictions-state.js';

const PLUGIN = 'VolumeRestrictions';
/** ErrReasonDiskConflict. */
const DISK_CONFLICT = 'node(s) had no available disk';
/** ErrReasonReadWriteOncePodConflict. */
const READ_WRITE_ONCE_POD_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const overlap = (a: readonly string[] = [], b: readonly string[] = []) => a.some((x) => b.includes(x));

/** isVolumeConflict: `volume` of the incoming pod against one volume of a pod on the node. */
function conflicts(volume: Volume, existing: Volume): boolean {
  const gce = [volume.gcePersistentDisk, existing.gcePersistentDisk];
  if (gce[0] && gce[1] && gce[0].pdName === gce[1].pdName && !(gce[0].readOnly && gce[1].readOnly)) return true;
  if (volume.awsElasticBlockStore && existing.awsElasticBlockStore && volume.awsElasticBlockStore.volumeID === existing.awsElasticBlockStore.volumeID) return true;
  const iscsi = [volume.iscsi, existing.iscsi];
  if (iscsi[0] && iscsi[1] && iscsi[0].iqn === iscsi[1].iqn && !(iscsi[0].readOnly && iscsi[1].readOnly)) return true;
  const rbd = [volume.rbd, existing.rbd];
  return Boolean(rbd[0] && rbd[1] && overlap(rbd[0].monitors, rbd[1].monitors) && (rbd[0].pool ?? 'rbd') === (rbd[1].pool ?? 'rbd')
    && rbd[0].image === rbd[1].image && !(rbd[0].readOnly && rbd[1].readOnly));
}

function diskInUse(diskVolumes: readonly Volume[], node: NodeInfo): boolean {
  for (const entry of node.pods.values()) {
    const existing = (entry.pod.spec?.volumes ?? []).filter(isExclusiveDisk);
    if (diskVolumes.some((volume) => existing.some((other) => conflicts(volume, other)))) return true;
  }
  return false;
}

/** The conflicts left on `node`: a what-if copy (preemption) counts only the pods still on it. */
function readWriteOncePodConflicts(ctx: PodContext, node: NodeInfo): number {
  const state = ctx.volumeRestrictions!;
  if (!node.simulated) return state.conflicts;
  const left = state.readWriteOncePod.reduce((sum, key) => sum + (node.claimRefs.get(key) ?? 0), 0);
  return state.conflicts - (state.refsOnNode.get(node.name) ?? 0) + left;
}

/** Rejects a node where one of the pod's disks is in use, or any node while a ReadWriteOncePod claim is. */
export function volumeRestrictions(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  const state = ctx.volumeRestrictions;
  if (!state) return undefined;
  if (state.diskVolumes.length > 0 && diskInUse(state.diskVolumes, node)) return resolvable(PLUGIN, [DISK_CONFLICT]);
  if (readWriteOncePodConflicts(ctx, node) > 0) return resolvable(PLUGIN, [READ_WRITE_ONCE_POD_CONFLICT]);
  return undefined;
}
