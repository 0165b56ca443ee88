import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '@kubelab/api';
import { reconcileReplicaSet } from './reconcile-replicaset.js';
import { createdPodEvent, deletedPodEvent, failedCreateEvent } from './replicaset-events.js';
import { slowStartBatches } from './slow-start.js';
import type { ReplicaSetAction } from './replicaset-actions.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');
const clock = (seconds: number, timeScale = 1) => ({ now: new Date(T0 + seconds * 1000), timeScale });

function rs(overrides: { replicas?: number; minReadySeconds?: number; deleting?: boolean; status?: object } = {}): ReplicaSet {
  return ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web', namespace: 'default', uid: 'rs-uid', generation: 2,
      ...(overrides.deleting ? { deletionTimestamp: at(0) } : {}),
    },
    spec: {
      replicas: overrides.replicas ?? 3,
      minReadySeconds: overrides.minReadySeconds ?? 0,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', tier: 'front' }, annotations: { note: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
    status: overrides.status ?? {},
  }) as ReplicaSet;
}

interface PodOptions {
  owner?: string | null;
  labels?: Record<string, string>;
  phase?: string;
  readySince?: number;
  node?: string;
  created?: number;
  restarts?: number;
  deleting?: boolean;
}

function pod(name: string, o: PodOptions = {}): Pod {
  const owner = o.owner === undefined ? 'rs-uid' : o.owner;
  return ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`,
      labels: o.labels ?? { app: 'web', tier: 'front' },
      creationTimestamp: at(o.created ?? 0),
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner, controller: true }] } : {}),
      ...(o.deleting ? { deletionTimestamp: at(0) } : {}),
    },
    spec: { nodeName: o.node ?? 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.readySince === undefined ? 'False' : 'True', lastTransitionTime: at(o.readySince ?? 0) }],
      containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0 }],
    },
  }) as Pod;
}

const ofType = <T extends ReplicaSetAction['type']>(actions: ReplicaSetAction[], type: T) =>
  actions.filter((a): a is Extract<ReplicaSetAction, { type: T }> => a.type === type);

describe('reconcileReplicaSet: scaling', () => {
  it.each([
    { name: 'creates all pods of a new rs', replicas: 3, pods: [] as Pod[], create: 3, deleted: [] as string[] },
    { name: 'creates the missing pods', replicas: 3, pods: [pod('a', { readySince: 0 })], create: 2, deleted: [] },
    { name: 'a pod being deleted no longer counts: replaced at once', replicas: 2, pods: [pod('a', { readySince: 0 }), pod('b', { deleting: true, readySince: 0 })], create: 1, deleted: [] },
    { name: 'finished pods do not count', replicas: 1, pods: [pod('a', { phase: 'Succeeded' }), pod('b', { phase: 'Failed' })], create: 1, deleted: [] },
    { name: 'nothing to do when the count is right', replicas: 1, pods: [pod('a', { readySince: 0 })], create: 0, deleted: [] },
    { name: 'deletes the surplus', replicas: 1, pods: [pod('a', { readySince: 0 }), pod('b', { readySince: 0, created: 90 })], create: 0, deleted: ['b'] },
    { name: 'scale to zero deletes everything', replicas: 0, pods: [pod('a'), pod('b')], create: 0, deleted: ['a', 'b'] },
    { name: 'pods of another controller are ignored', replicas: 1, pods: [pod('x', { owner: 'other' })], create: 1, deleted: [] },
  ])('$name', ({ replicas, pods, create, deleted }) => {
    const { actions } = reconcileReplicaSet(rs({ replicas }), pods, clock(100));
    expect(ofType(actions, 'CreatePods').reduce((n, a) => n + a.count, 0)).toBe(create);
    expect(ofType(actions, 'DeletePods').flatMap((a) => a.pods.map((p) => p.metadata.name)).sort()).toEqual(deleted);
  });

  it('builds the pod from the template with the rs as controller', () => {
    const [create] = ofType(reconcileReplicaSet(rs(), [], clock(0)).actions, 'CreatePods');
    expect(create.pod).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-',
        namespace: 'default',
        labels: { app: 'web', tier: 'front' },
        annotations: { note: 'x' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
      },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
  });

  it('a rs being deleted creates and deletes nothing, but reports status', () => {
    const { actions } = reconcileReplicaSet(rs({ deleting: true, replicas: 5 }), [pod('a', { readySince: 0 })], clock(10));
    expect(actions.map((a) => a.type)).toEqual(['UpdateStatus']);
  });
});

describe('reconcileReplicaSet: scale-down victims', () => {
  it.each([
    { name: 'unassigned before assigned', pods: [pod('assigned', { readySince: 0 }), pod('unassigned', { node: '', phase: 'Pending' })], victim: 'unassigned' },
    { name: 'Pending before Running', pods: [pod('running'), pod('pending', { phase: 'Pending' })], victim: 'pending' },
    { name: 'Unknown before Running', pods: [pod('running'), pod('unknown', { phase: 'Unknown' })], victim: 'unknown' },
    { name: 'not ready before ready', pods: [pod('ready', { readySince: 0 }), pod('notready')], victim: 'notready' },
    { name: 'doubled-up node first', pods: [pod('alone', { readySince: 0, node: 'n2' }), pod('crowded', { readySince: 0, node: 'n1' }), pod('crowded2', { readySince: 0, node: 'n1' })], victim: 'crowded' },
    { name: 'ready for less time first', pods: [pod('old', { readySince: 0, node: 'n1' }), pod('fresh', { readySince: 990, node: 'n2' })], victim: 'fresh' },
    { name: 'more restarts first', pods: [pod('calm', { readySince: 0, node: 'n1' }), pod('flappy', { readySince: 0, restarts: 5, node: 'n2' })], victim: 'flappy' },
    { name: 'newer first', pods: [pod('older', { readySince: 0, node: 'n1', created: 0 }), pod('newer', { readySince: 0, node: 'n2', created: 900 })], victim: 'newer' },
  ])('$name', ({ pods, victim }) => {
    const replicas = pods.length - 1;
    const [del] = ofType(reconcileReplicaSet(rs({ replicas }), pods, clock(1000)).actions, 'DeletePods');
    expect(del.pods.map((p) => p.metadata.name)).toEqual([victim]);
  });
});

describe('reconcileReplicaSet: adoption', () => {
  it('adopts matching orphans and counts them', () => {
    const { actions } = reconcileReplicaSet(rs({ replicas: 1 }), [pod('orphan', { owner: null, readySince: 0 })], clock(10));
    const [adopt] = ofType(actions, 'AdoptPod');
    expect(adopt.pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true },
    ]);
    expect(ofType(actions, 'CreatePods')).toEqual([]);
  });

  it.each([
    { name: 'a non-matching orphan', p: pod('other', { owner: null, labels: { app: 'db' } }) },
    { name: 'a terminating orphan', p: pod('dying', { owner: null, deleting: true }) },
    { name: 'a finished orphan', p: pod('done', { owner: null, phase: 'Succeeded' }) },
  ])('does not adopt $name', ({ p }) => {
    expect(ofType(reconcileReplicaSet(rs({ replicas: 0 }), [p], clock(0)).actions, 'AdoptPod')).toEqual([]);
  });

  it('releases an owned pod that no longer matches and replaces it', () => {
    const { actions } = reconcileReplicaSet(rs({ replicas: 1 }), [pod('relabelled', { labels: { app: 'debug' }, readySince: 0 })], clock(10));
    const [release] = ofType(actions, 'ReleasePod');
    expect(release.pod.metadata.name).toBe('relabelled');
    expect(release.pod.metadata.ownerReferences).toBeUndefined();
    expect(ofType(actions, 'CreatePods')[0].count).toBe(1);
  });

  it('a rs being deleted neither adopts nor releases', () => {
    const pods = [pod('orphan', { owner: null }), pod('relabelled', { labels: { app: 'debug' } })];
    const { actions } = reconcileReplicaSet(rs({ deleting: true }), pods, clock(0));
    expect(actions.filter((a) => a.type === 'AdoptPod' || a.type === 'ReleasePod')).toEqual([]);
  });
});

describe('reconcileReplicaSet: status', () => {
  it.each([
    {
      name: 'counts replicas, labels, ready and available',
      minReadySeconds: 0,
      pods: [pod('a', { readySince: 0 }), pod('b', { labels: { app: 'web' } }), pod('c', { readySince: 5 })],
      now: 10, timeScale: 1,
      status: { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 2 },
      requeue: undefined,
    },
    {
      name: 'a pod ready for less than minReadySeconds is not available yet: requeue for it',
      minReadySeconds: 10,
      pods: [pod('a', { readySince: 0 }), pod('b', { readySince: 6 })],
      now: 12, timeScale: 1,
      status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 2 },
      requeue: 4001,
    },
    {
      name: 'minReadySeconds passes 20 times faster at timeScale 20',
      minReadySeconds: 10,
      pods: [pod('a', { readySince: 0 }), pod('b', { readySince: 11.9 })],
      now: 12, timeScale: 20,
      status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 2 },
      requeue: 401,
    },
    {
      name: 'zero counts are omitted as the API does',
      minReadySeconds: 0,
      pods: [],
      now: 0, timeScale: 1,
      status: { replicas: 0, observedGeneration: 2 },
      requeue: undefined,
    },
  ])('$name', ({ minReadySeconds, pods, now, timeScale, status, requeue }) => {
    const replicas = pods.length;
    const result = reconcileReplicaSet(rs({ replicas, minReadySeconds }), pods, clock(now, timeScale));
    expect(ofType(result.actions, 'UpdateStatus')[0]?.status).toEqual(status);
    expect(result.requeueAfterMs).toBe(requeue);
  });

  it('writes no status when it is unchanged, and drops a stale ReplicaFailure', () => {
    const current = { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 2 };
    expect(reconcileReplicaSet(rs({ replicas: 1, status: current }), [pod('a', { readySince: 0 })], clock(5)).actions).toEqual([]);
    const failed = { ...current, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' }] };
    const [update] = ofType(reconcileReplicaSet(rs({ replicas: 1, status: failed }), [pod('a', { readySince: 0 })], clock(5)).actions, 'UpdateStatus');
    expect(update.status).toEqual(current);
  });
});

describe('ReplicaSet helpers for the shell', () => {
  it.each([
    [0, []],
    [1, [1]],
    [3, [1, 2]],
    [10, [1, 2, 4, 3]],
    [16, [1, 2, 4, 8, 1]],
  ])('slowStartBatches(%i) = %j', (count, batches) => {
    expect(slowStartBatches(count)).toEqual(batches);
  });

  it('words the pod events as Kubernetes', () => {
    expect(createdPodEvent('web-abc12')).toEqual({ type: 'RecordEvent', eventType: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: web-abc12' });
    expect(deletedPodEvent('web-abc12')).toEqual({ type: 'RecordEvent', eventType: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: web-abc12' });
  });

  it('reports a refused pod create as FailedCreate, except in a terminating namespace', () => {
    const quotaFull = 'pods "web-abc12" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2';
    expect(failedCreateEvent({ code: 403, message: quotaFull })).toEqual({ type: 'RecordEvent', eventType: 'Warning', reason: 'FailedCreate', message: `Error creating: ${quotaFull}` });
    expect(failedCreateEvent({ code: 403, message: 'pods "web-abc12" is forbidden: unable to create new content in namespace ns because it is being terminated' })).toBeUndefined();
  });
});

describe('reconcileReplicaSet: logarithmic scale-down', () => {
  it('pods in the same power-of-two age bucket are told apart by uid, not by age', () => {
    const pods = [pod('a', { readySince: 0, node: 'n1', created: 0 }), pod('b', { readySince: 0, node: 'n2', created: 5 })];
    const [del] = ofType(reconcileReplicaSet(rs({ replicas: 1 }), pods, clock(100)).actions, 'DeletePods');
    expect(del.pods.map((p) => p.metadata.name)).toEqual(['a']);
  });
});
