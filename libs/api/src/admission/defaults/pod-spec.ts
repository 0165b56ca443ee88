/**
 * PodSpec defaults (SetDefaults_PodSpec, _Volume and the volume-source defaults), shared
 * by pods and the pod templates of Deployments, ReplicaSets and Jobs.
 */
import type { PodSpec, Volume, VolumeProjection } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import { defaultContainer, defaultFieldRef } from './container.js';

/** A volume as 1.32 has it: kubernetes-types (1.30) lacks the `image` source. */
type VolumeOf132 = Volume & { image?: object };

const VOLUME_SOURCES: readonly Exclude<keyof VolumeOf132, 'name'>[] = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];
const MODED_SOURCES = ['secret', 'configMap', 'downwardAPI', 'projected'] as const;
const DEFAULT_MODE = 420;

function defaultProjection(source: VolumeProjection | undefined): void {
  for (const item of Array.isArray(source?.downwardAPI?.items) ? source.downwardAPI.items : []) defaultFieldRef(item?.fieldRef);
  if (isPlainObject(source?.serviceAccountToken)) source.serviceAccountToken.expirationSeconds ??= 3600;
}

function defaultVolume(volume: VolumeOf132): void {
  if (!isPlainObject(volume)) return;
  if (!VOLUME_SOURCES.some((source) => isPlainObject(volume[source]))) volume.emptyDir = {};
  for (const name of MODED_SOURCES) {
    const source = volume[name];
    if (isPlainObject(source)) source.defaultMode ??= DEFAULT_MODE;
  }
  if (isPlainObject(volume.hostPath)) volume.hostPath.type ??= '';
  for (const item of Array.isArray(volume.downwardAPI?.items) ? volume.downwardAPI.items : []) defaultFieldRef(item?.fieldRef);
  for (const source of Array.isArray(volume.projected?.sources) ? volume.projected.sources : []) defaultProjection(source);
}

/** The v1 `serviceAccount` field mirrors `serviceAccountName` (whichever was given). */
function mirrorServiceAccount(spec: PodSpec): void {
  const name = spec.serviceAccountName || spec.serviceAccount;
  if (!name) return;
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
}

/** Fills a PodSpec's defaults in place (a Job template gets restartPolicy Always too, which Job validation then refuses). */
export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!isPlainObject(spec)) return;
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  if (!isPlainObject(spec.securityContext)) spec.securityContext = {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  mirrorServiceAccount(spec);
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const containers = spec[field];
    for (const container of Array.isArray(containers) ? containers : []) defaultContainer(container);
  }
  for (const volume of Array.isArray(spec.volumes) ? spec.volumes : []) defaultVolume(volume);
}
