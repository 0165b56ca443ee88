/** Node and pod builders shared by this library's specs, shaped like the objects the lab's api-server serves. */
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '@kubelab/api';
import type { PodSpec as K8sPodSpec, TopologySelectorTerm } from 'kubernetes-types/core/v1';

/** What a test node varies. */
export interface NodeSpec {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  ready?: 'True' | 'False' | 'Unknown';
}

/** A v1 Node with allocatable resources, hostname label and Ready condition. */
export function makeNode(name: string, spec: NodeSpec = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...spec.labels } },
    spec: { ...(spec.taints ? { taints: spec.taints } : {}), ...(spec.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: spec.cpu ?? '4', memory: spec.memory ?? '8Gi', pods: spec.pods ?? '110' },
      conditions: [{ type: 'Ready', status: spec.ready ?? 'True' }],
    },
  };
}

/** What a test pod varies. */
export interface PodSpec {
  cpu?: string;
  memory?: string;
  nodeName?: string;
  priority?: number;
  labels?: Record<string, string>;
  owner?: { kind: string; name: string; uid: string };
  /** Raw spec fields, as a manifest would carry them. */
  spec?: Record<string, unknown>;
  namespace?: string;
  created?: string;
  image?: string;
}

/** A v1 Pod with one container; requests only when given. */
export function makePod(name: string, spec: PodSpec = {}): Pod {
  const requests = { ...(spec.cpu ? { cpu: spec.cpu } : {}), ...(spec.memory ? { memory: spec.memory } : {}) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: spec.namespace ?? 'default',
      uid: `uid-${name}`,
      labels: spec.labels ?? {},
      creationTimestamp: spec.created ?? '2025-01-01T00:00:00Z',
      ...(spec.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', ...spec.owner, controller: true }] } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: spec.image ?? 'nginx:1.14.2', ...(Object.keys(requests).length ? { resources: { requests } } : {}) }],
      ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
      ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
      ...(spec.spec as Partial<K8sPodSpec> | undefined),
    },
    status: { phase: spec.nodeName ? 'Running' : 'Pending' },
  };
}

export { seededRandom } from './seeded-random.js';

/** What a test PersistentVolumeClaim varies. */
export interface ClaimSpec {
  className?: string;
  storage?: string;
  accessModes?: string[];
  /** spec.volumeName; with `bindCompleted` the claim is bound for good. */
  volumeName?: string;
  bindCompleted?: boolean;
  phase?: string;
  deleting?: boolean;
  selectedNode?: string;
  namespace?: string;
  resourceVersion?: string;
  ownerUid?: string;
}

/** A v1 PersistentVolumeClaim, unbound unless told. */
export function makeClaim(name: string, spec: ClaimSpec = {}): PersistentVolumeClaim {
  const annotations = {
    ...(spec.bindCompleted ? { 'pv.kubernetes.io/bind-completed': 'yes' } : {}),
    ...(spec.selectedNode ? { 'volume.kubernetes.io/selected-node': spec.selectedNode } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name, namespace: spec.namespace ?? 'default', uid: `uid-${name}`, resourceVersion: spec.resourceVersion ?? '1',
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ...(spec.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
      ...(spec.ownerUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'owner', uid: spec.ownerUid, controller: true }] } : {}),
    },
    spec: {
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: spec.storage ?? '1Gi' } },
      ...(spec.className !== undefined ? { storageClassName: spec.className } : {}),
      ...(spec.volumeName ? { volumeName: spec.volumeName } : {}),
      volumeMode: 'Filesystem',
    },
    status: { phase: spec.phase ?? (spec.bindCompleted ? 'Bound' : 'Pending') },
  };
}

/** What a test PersistentVolume varies. */
export interface VolumeSpec {
  className?: string;
  capacity?: string;
  accessModes?: string[];
  phase?: string;
  /** Node affinity: the volume is reachable only where these labels are (each key In its value). */
  nodeLabels?: Record<string, string>;
  claimRef?: { name: string; namespace?: string; uid?: string };
  resourceVersion?: string;
  volumeMode?: string;
}

/** A v1 PersistentVolume, Available unless told. */
export function makeVolume(name: string, spec: VolumeSpec = {}): PersistentVolume {
  const matchExpressions = Object.entries(spec.nodeLabels ?? {}).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, resourceVersion: spec.resourceVersion ?? '1' },
    spec: {
      capacity: { storage: spec.capacity ?? '1Gi' },
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      storageClassName: spec.className ?? '',
      volumeMode: spec.volumeMode ?? 'Filesystem',
      local: { path: `/mnt/${name}` },
      ...(matchExpressions.length ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions }] } } } : {}),
      ...(spec.claimRef ? { claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', apiVersion: 'v1', ...spec.claimRef } } : {}),
    },
    status: { phase: spec.phase ?? 'Available' },
  };
}

/** A storage.k8s.io/v1 StorageClass. */
export function makeStorageClass(name: string, mode: 'Immediate' | 'WaitForFirstConsumer', provisioner = 'rancher.io/local-path', allowedTopologies?: TopologySelectorTerm[]): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, reclaimPolicy: 'Delete', volumeBindingMode: mode,
    ...(allowedTopologies ? { allowedTopologies } : {}),
  };
}

/** A pod mounting the named claims (and any extra volumes). */
export function podWithClaims(name: string, claims: string[], spec: PodSpec = {}): Pod {
  const volumes = claims.map((claimName, i) => ({ name: `vol-${i}`, persistentVolumeClaim: { claimName } }));
  return makePod(name, { ...spec, spec: { volumes, ...spec.spec } });
}
