/**
 * The lab's dynamic provisioners, as external provisioners built on sig-storage-lib-external-provisioner
 * decide: a claim annotated for one of them (the PV controller's ExternalProvisioning) gets a volume
 * named pvc-<claim uid>, bound to it by claimRef, of the claim's class, size and access modes, with
 * the class's reclaim policy. rancher.io/local-path makes a hostPath directory on the selected node
 * (exactly as rancher/local-path-provisioner, kind's default); kubelab.dev/shared makes a network
 * volume any node reaches, as nfs-subdir-external-provisioner makes a directory of one NFS export
 * (the lab keeps its data in NATS, under the volume's path). A released volume whose policy is
 * Delete is deleted by the provisioner that made it.
 */
import { claimClass, LOCAL_PATH_PROVISIONER, SHARED_PROVISIONER, type Node, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '@kubelab/api';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimKey } from './volume-annotations.js';

/** kind's local-path-config: every node keeps its volumes under this directory. */
export const LOCAL_PATH_BASE = '/var/local-path-provisioner';
/** The annotation local-path puts on its volumes: the node the directory is on. */
export const ANN_LOCAL_PATH_SELECTED_NODE = 'local.path.provisioner/selected-node';
/** The NFS server the shared volumes name: the lab's shared store, which every node reaches. */
export const SHARED_NFS_SERVER = 'shared.kubelab.dev';
/** The export under which each shared volume has its directory, `<namespace>-<claim>-<volume>`. */
export const SHARED_NFS_PATH = '/shared';
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** The lab's provisioner names. */
export const labProvisioners = [LOCAL_PATH_PROVISIONER, SHARED_PROVISIONER] as const;
export type LabProvisioner = (typeof labProvisioners)[number];

/** What a provisioner reads besides the claim. */
export interface ProvisionView {
  classes: readonly StorageClass[];
  nodes: readonly Node[];
  volumes: readonly PersistentVolume[];
}

/** An event about the claim. */
export interface ClaimEvent {
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/**
 * The outcome of one provisioning attempt: the events to record first, then the volume to create
 * (ProvisioningSucceeded follows its creation), or the claim to write back without its selected
 * node (the scheduler picks again); `retry` when a failure may pass and the claim is to be tried later.
 */
export interface Provisioning {
  events: ClaimEvent[];
  volume?: PersistentVolume;
  reschedule?: PersistentVolumeClaim;
  retry: boolean;
}

/** shouldProvision: unbound, annotated for this provisioner, and for a WaitForFirstConsumer class placed on a node. */
function shouldProvision(provisioner: LabProvisioner, claim: PersistentVolumeClaim, storageClass: StorageClass | undefined): boolean {
  const annotations = claim.metadata.annotations ?? {};
  const asked = annotations[ANN_STORAGE_PROVISIONER] ?? annotations[ANN_BETA_STORAGE_PROVISIONER];
  if (claim.spec?.volumeName || asked !== provisioner || !storageClass) return false;
  return storageClass.volumeBindingMode !== 'WaitForFirstConsumer' || Boolean(annotations[ANN_SELECTED_NODE]);
}

const failed = (message: string, retry: boolean, events: ClaimEvent[] = []): Provisioning => ({
  events: [...events, { eventType: 'Warning', reason: 'ProvisioningFailed', message }], retry,
});

/** rancher/local-path-provisioner's Provision: a hostPath directory on the node, RWO or RWOP only, bound to that node. */
function provisionLocalPath(claim: PersistentVolumeClaim, pvName: string, reclaimPolicy: string, node: Node | undefined): PersistentVolume | string {
  if (claim.spec?.selector) return 'claim.Spec.Selector is not supported';
  const modes = claim.spec?.accessModes ?? [];
  if (modes.some((m) => m !== 'ReadWriteOnce' && m !== 'ReadWriteOncePod')) return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
  if (!node) return 'configuration error, no node was specified';
  const nodeName = node.metadata.name!;
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name: pvName, annotations: { [ANN_LOCAL_PATH_SELECTED_NODE]: nodeName } },
    spec: {
      persistentVolumeReclaimPolicy: reclaimPolicy, accessModes: modes, volumeMode: 'Filesystem',
      capacity: { storage: claim.spec!.resources!.requests!.storage },
      hostPath: { path: `${LOCAL_PATH_BASE}/${pvName}_${claim.metadata.namespace}_${claim.metadata.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: { nodeSelectorTerms: [{ matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [node.metadata.labels?.[HOSTNAME_LABEL] ?? nodeName] }] }] },
      },
    },
  };
}

/** nfs-subdir-external-provisioner's Provision: a directory of the export, any access mode, no node affinity, the class's mount options. */
function provisionShared(claim: PersistentVolumeClaim, pvName: string, storageClass: StorageClass): PersistentVolume | string {
  if (claim.spec?.selector) return 'claim Selector is not supported';
  const { namespace, name } = claim.metadata;
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name: pvName },
    spec: {
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete', accessModes: claim.spec?.accessModes ?? [],
      ...(storageClass.mountOptions ? { mountOptions: storageClass.mountOptions } : {}),
      capacity: { storage: claim.spec!.resources!.requests!.storage },
      nfs: { server: SHARED_NFS_SERVER, path: `${SHARED_NFS_PATH}/${namespace}-${name}-${pvName}` },
    },
  };
}

/** provisionClaimOperation of `provisioner` for `claim`; undefined when it is not this provisioner's to provision now. */
export function provisionClaim(provisioner: LabProvisioner, claim: PersistentVolumeClaim, view: ProvisionView): Provisioning | undefined {
  const className = claimClass(claim);
  const storageClass = view.classes.find((c) => c.metadata.name === className);
  if (!shouldProvision(provisioner, claim, storageClass) || storageClass?.provisioner !== provisioner) return undefined;
  const pvName = `pvc-${claim.metadata.uid}`;
  if (view.volumes.some((v) => v.metadata.name === pvName)) return undefined;
  if (claim.spec?.volumeMode === 'Block') return failed(`${provisioner} does not support block volume provisioning`, false);
  const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
  const node = selected === undefined ? undefined : view.nodes.find((n) => n.metadata.name === selected);
  if (selected !== undefined && !node) {
    const { [ANN_SELECTED_NODE]: _, ...annotations } = claim.metadata.annotations!;
    return { ...failed(`node "${selected}" not found`, false), reschedule: { ...claim, metadata: { ...claim.metadata, annotations } } };
  }
  const started: ClaimEvent = { eventType: 'Normal', reason: 'Provisioning', message: `External provisioner is provisioning volume for claim "${claimKey(claim)}"` };
  const made = provisioner === LOCAL_PATH_PROVISIONER
    ? provisionLocalPath(claim, pvName, storageClass.reclaimPolicy ?? 'Delete', node)
    : provisionShared(claim, pvName, storageClass);
  if (typeof made === 'string') return failed(`failed to provision volume with StorageClass "${className}": ${made}`, true, [started]);
  const { namespace, name, uid, resourceVersion } = claim.metadata;
  const volume: PersistentVolume = {
    ...made,
    metadata: { ...made.metadata, annotations: { ...made.metadata.annotations, [ANN_DYNAMICALLY_PROVISIONED]: provisioner } },
    spec: { ...made.spec, claimRef: { kind: 'PersistentVolumeClaim', namespace, name, uid, apiVersion: 'v1', resourceVersion }, storageClassName: className },
  };
  return { events: [started], volume, retry: false };
}

/** shouldDelete: a Released volume this provisioner made, whose policy is Delete and that nobody is deleting yet. */
export function shouldDeleteVolume(provisioner: LabProvisioner, volume: PersistentVolume): boolean {
  return volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] === provisioner && !volume.metadata.deletionTimestamp
    && volume.status?.phase === 'Released' && volume.spec?.persistentVolumeReclaimPolicy === 'Delete';
}

