import { describe, expect, it } from 'vitest';
import type { Pod, ReplicationController } from '@kubelab/api';
import { reconcileReplicationController } from './reconcile-replication-controller.js';

const clock = { now: new Date('2025-01-01T00:01:00Z'), timeScale: 1 };

function rc(o: { replicas?: number; selector?: Record<string, string> | null; status?: object } = {}): ReplicationController {
  return ({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'nginx', namespace: 'default', uid: 'rc-uid', generation: 3 },
    spec: {
      replicas: o.replicas ?? 2,
      ...(o.selector === null ? {} : { selector: o.selector ?? { app: 'nginx' } }),
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
    status: o.status ?? { replicas: 0 },
  }) as ReplicationController;
}

function pod(name: string, o: { owner?: string; ready?: boolean; labels?: Record<string, string> } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'nginx' }, creationTimestamp: '2025-01-01T00:00:00Z',
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', uid: o.owner, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
  };
}

describe('reconcileReplicationController', () => {
  it('creates the missing pods, owned by the ReplicationController (v1)', () => {
    const { actions } = reconcileReplicationController(rc({ replicas: 3 }), [pod('a', { owner: 'rc-uid' })], clock);
    const create = actions.find((a) => a.type === 'CreatePods');
    expect(create).toMatchObject({ type: 'CreatePods', count: 2 });
    expect(create?.type === 'CreatePods' && create.pod.metadata).toEqual({
      generateName: 'nginx-', namespace: 'default', labels: { app: 'nginx' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', uid: 'rc-uid', controller: true, blockOwnerDeletion: true }],
    });
  });

  it('selects by the template labels when the selector is left out', () => {
    const { actions } = reconcileReplicationController(rc({ replicas: 1, selector: null }), [pod('orphan')], clock);
    expect(actions.map((a) => a.type)).toEqual(['AdoptPod', 'UpdateStatus']);
    expect(actions[0].type === 'AdoptPod' && actions[0].pod.metadata.ownerReferences?.[0].kind).toBe('ReplicationController');
  });

  it('deletes the surplus and reports status with the ReplicationController fields', () => {
    const pods = [pod('a', { owner: 'rc-uid', ready: true }), pod('b', { owner: 'rc-uid', ready: true }), pod('c', { owner: 'rc-uid' })];
    const { actions } = reconcileReplicationController(rc({ replicas: 2 }), pods, clock);
    expect(actions.map((a) => a.type)).toEqual(['DeletePods', 'UpdateStatus']);
    expect(actions[0].type === 'DeletePods' && actions[0].pods.map((p) => p.metadata.name)).toEqual(['c']);
    expect(actions[1]).toEqual({ type: 'UpdateStatus', status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 } });
  });

  it('leaves pods of other owners and other labels alone', () => {
    const pods = [pod('a', { owner: 'rc-uid', ready: true }), pod('b', { owner: 'rc-uid', ready: true }), pod('other', { owner: 'other-uid' }), pod('db', { labels: { app: 'db' } })];
    const status = { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 };
    expect(reconcileReplicationController(rc({ status }), pods, clock).actions).toEqual([]);
  });
});
