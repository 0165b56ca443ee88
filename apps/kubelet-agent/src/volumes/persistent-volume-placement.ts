/**
 * Where a PersistentVolume's files are, seen from one node: a hostPath or local volume is a
 * directory of the node's own disk (so pods of a hostPath volume and of the PersistentVolume
 * see the same files, and a volume without node affinity has other files on another node);
 * any other source (nfs, csi, the lab's `shared` class…) is network storage, the same files
 * from every node. A volume whose node affinity leaves this node out cannot be mounted here,
 * as the kubelet's operation executor refuses it. When a volume whose reclaim policy is
 * Delete is deleted, its files go with it.
 */
import type { PersistentVolume } from '@kubelab/api';
import type { VolumeStore } from '@kubelab/bus';
import { termsMatcher, type NodeFacts } from '@kubelab/scheduling';

/** The store and the path in it that a volume shows, or the mount failure (its FailedMount message). */
export type VolumePlacement =
  | { ok: true; store: VolumeStore; path: string; nodeDisk?: { hostPathType: string } | { local: true } }
  | { ok: false; message: string };

/** The node's disk path of a hostPath or local volume; undefined for network storage. */
function nodeDiskPath(volume: PersistentVolume): { path: string; nodeDisk: { hostPathType: string } | { local: true } } | undefined {
  const spec = volume.spec ?? {};
  if (spec.hostPath) return { path: spec.hostPath.path, nodeDisk: { hostPathType: spec.hostPath.type ?? '' } };
  if (spec.local) return { path: spec.local.path, nodeDisk: { local: true } };
  return undefined;
}

/** checkVolumeNodeAffinity: the required terms must match the node. */
function admitsNode(volume: PersistentVolume, node: NodeFacts): boolean {
  const terms = volume.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms || termsMatcher(terms)(node);
}

/** Where `volume` (bound and checked) is for a pod on `node`. */
export function persistentVolumePlacement(volume: PersistentVolume, node: NodeFacts): VolumePlacement {
  const name = volume.metadata.name!;
  if (!admitsNode(volume, node)) return { ok: false, message: `MountVolume.NodeAffinity check failed for volume "${name}" : no matching NodeSelectorTerms` };
  const onDisk = nodeDiskPath(volume);
  if (onDisk) return { ok: true, store: { kind: 'node', node: node.name }, path: onDisk.path, nodeDisk: onDisk.nodeDisk };
  return { ok: true, store: { kind: 'persistent-volume', name }, path: '/' };
}

/**
 * What to remove when `volume` was deleted, on the nodes given (an agent's own): nothing unless its reclaim policy is Delete;
 * then a network volume's store, or the directory of a node-disk volume on each node its affinity names (a provisioner's
 * volume, such as local-path's). A hostPath volume without node affinity has no deleter, so its files stay.
 */
export function filesOfDeletedVolume(volume: PersistentVolume, nodes: readonly NodeFacts[]): { store: VolumeStore; path: string }[] {
  if (volume.spec?.persistentVolumeReclaimPolicy !== 'Delete') return [];
  const onDisk = nodeDiskPath(volume);
  if (!onDisk) return [{ store: { kind: 'persistent-volume', name: volume.metadata.name! }, path: '/' }];
  if (!volume.spec?.nodeAffinity?.required) return [];
  return nodes.filter((node) => admitsNode(volume, node)).map((node) => ({ store: { kind: 'node', node: node.name }, path: onDisk.path }));
}
