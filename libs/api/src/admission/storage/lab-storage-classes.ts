/**
 * The StorageClasses a new lab has, as kind's cluster has `standard`: node-local volumes made by
 * rancher's local-path provisioner once a pod is placed (WaitForFirstConsumer), the default class;
 * and `shared`, network-like volumes any node reaches, made at once and able to grow.
 */
import type { StorageClass } from '../../typed-objects.js';
import { DEFAULT_STORAGE_CLASS_ANNOTATION } from './storage-classes.js';

/** rancher/local-path-provisioner's name: hostPath volumes on the node a pod was placed on. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** The lab's network-like storage: volumes with no node affinity, their data kept in NATS. */
export const SHARED_PROVISIONER = 'kubelab.dev/shared';

/** `standard` (default, exactly kind's) and `shared`. */
export const labStorageClasses: readonly StorageClass[] = [
  {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { [DEFAULT_STORAGE_CLASS_ANNOTATION]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER, reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
  },
  {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name: 'shared' },
    provisioner: SHARED_PROVISIONER, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', allowVolumeExpansion: true,
  },
];
