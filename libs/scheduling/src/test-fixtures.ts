/** Node and pod builders shared by this library's specs, shaped like the objects the lab's api-server serves. */
import type { KubeObject } from '@kubelab/api';

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
export function makeNode(name: string, spec: NodeSpec = {}): KubeObject {
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
  spec?: Record<string, unknown>;
  namespace?: string;
  created?: string;
  image?: string;
}

/** A v1 Pod with one container; requests only when given. */
export function makePod(name: string, spec: PodSpec = {}): KubeObject {
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
      ...spec.spec,
    },
    status: { phase: spec.nodeName ? 'Running' : 'Pending' },
  };
}

export { seededRandom } from './seeded-random.js';
