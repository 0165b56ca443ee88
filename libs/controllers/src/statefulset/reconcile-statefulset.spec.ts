import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import type { ControllerRevision, KubeObject, Pod, StatefulSet } from '@kubelab/api';
import { HISTORY_HASH_LABEL, newRevision } from '../revisions/controller-revision.js';
import { reconcileStatefulSet } from './reconcile-statefulset.js';
import type { StatefulSetAction } from './statefulset-actions.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');
const clock = (seconds: number) => ({ now: new Date(T0 + seconds * 1000), timeScale: 1 });
const KIND = { hashLabel: HISTORY_HASH_LABEL };

const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } });

interface SetOptions {
  replicas?: number;
  image?: string;
  parallel?: boolean;
  onDelete?: boolean;
  partition?: number;
  minReadySeconds?: number;
  currentImage?: string;
  deleting?: boolean;
  revisionHistoryLimit?: number;
}

function sts(o: SetOptions = {}): StatefulSet {
  const set: StatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'sts-uid', generation: 1, ...(o.deleting ? { deletionTimestamp: at(0) } : {}) },
    spec: {
      replicas: o.replicas ?? 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      podManagementPolicy: o.parallel ? 'Parallel' : 'OrderedReady',
      updateStrategy: o.onDelete ? { type: 'OnDelete' } : { type: 'RollingUpdate', rollingUpdate: { partition: o.partition ?? 0 } },
      minReadySeconds: o.minReadySeconds ?? 0,
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
      template: template(o.image ?? 'nginx:1'),
    },
    status: {} as StatefulSetStatus,
  };
  set.status!.currentRevision = revisionFor(set, o.currentImage ?? o.image ?? 'nginx:1').metadata.name;
  return set;
}

function revisionFor(set: StatefulSet, image: string, number = 1): ControllerRevision {
  return newRevision(set, template(image), number, 0, KIND);
}

interface PodOptions {
  phase?: string;
  ready?: boolean;
  readySince?: number;
  deleting?: boolean;
  image?: string;
}

function pod(set: StatefulSet, ordinal: number, o: PodOptions = {}): Pod {
  const ready = o.ready ?? o.phase === undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `web-${ordinal}`, namespace: 'default', uid: `uid-${ordinal}`,
      labels: { app: 'web', 'controller-revision-hash': revisionFor(set, o.image ?? 'nginx:1').metadata.name! },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts-uid', controller: true }],
      ...(o.deleting ? { deletionTimestamp: at(0) } : {}),
    },
    spec: { containers: [{ name: 'nginx', image: o.image ?? 'nginx:1' }] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: at(o.readySince ?? 0) }],
    },
  };
}

/** The pod writes and revision writes of a pass, as short strings. */
function writes(actions: StatefulSetAction[]): string[] {
  return actions.flatMap((a) => {
    switch (a.type) {
      case 'CreatePod':
      case 'DeletePod':
        return [`${a.type} ${a.pod.metadata.name}`];
      case 'CreateControllerRevision':
      case 'UpdateControllerRevision':
      case 'DeleteControllerRevision':
        return [`${a.type} ${a.revision.revision}`];
      default:
        return [];
    }
  });
}

const ready = (set: StatefulSet, ...ordinals: number[]) => ordinals.map((o) => pod(set, o));

describe('reconcileStatefulSet: scaling', () => {
  const set = sts();
  const parallel = sts({ parallel: true });
  const one = sts({ replicas: 1 });
  it.each([
    { name: 'OrderedReady creates web-0 first', set, pods: [], writes: ['CreatePod web-0'], waiting: undefined },
    { name: 'waits for web-0 to be Running and Ready', set, pods: [pod(set, 0, { phase: 'Pending', ready: false })], writes: [], waiting: 'waiting for pod web-0 to be Running and Ready' },
    { name: 'running but not ready is not enough', set, pods: [pod(set, 0, { phase: 'Running', ready: false })], writes: [], waiting: 'waiting for pod web-0 to be Running and Ready' },
    { name: 'web-0 ready: creates web-1', set, pods: ready(set, 0), writes: ['CreatePod web-1'], waiting: undefined },
    { name: 'Parallel creates every missing ordinal at once', set: parallel, pods: [pod(parallel, 0, { phase: 'Pending', ready: false })], writes: ['CreatePod web-1', 'CreatePod web-2'], waiting: undefined },
    { name: 'a deleted pod comes back under the same name', set, pods: ready(set, 0, 2), writes: ['CreatePod web-1'], waiting: undefined },
    { name: 'a Terminating pod is not replaced until it is gone', set, pods: [pod(set, 0), pod(set, 1, { deleting: true }), pod(set, 2)], writes: [], waiting: 'waiting for pod web-1 to be deleted (Terminating)' },
    { name: 'Parallel: the Terminating ordinal waits, the others go on', set: parallel, pods: [pod(parallel, 1, { deleting: true })], writes: ['CreatePod web-0', 'CreatePod web-2'], waiting: 'waiting for pod web-1 to be deleted (Terminating)' },
    { name: 'scale-down removes the highest ordinal first', set: one, pods: ready(one, 0, 1, 2), writes: ['DeletePod web-2'], waiting: undefined },
    { name: 'scale-down waits for the previous pod to be gone', set: one, pods: [pod(one, 0), pod(one, 1), pod(one, 2, { deleting: true })], writes: [], waiting: 'waiting for pod web-2 to be deleted (Terminating)' },
    { name: 'scale-down waits while a lower ordinal is not ready', set: one, pods: [pod(one, 0, { phase: 'Running', ready: false }), pod(one, 1)], writes: [], waiting: 'waiting for pod web-0 to be Running and Ready' },
    { name: 'Parallel scale-down removes every surplus pod', set: sts({ replicas: 1, parallel: true }), pods: ready(parallel, 0, 1, 2), writes: ['DeletePod web-2', 'DeletePod web-1'], waiting: undefined },
    { name: 'a failed pod is deleted, to be recreated once gone', set, pods: [pod(set, 0), pod(set, 1, { phase: 'Failed', ready: false }), pod(set, 2)], writes: ['DeletePod web-1'], waiting: 'waiting for pod web-1 to be deleted (Terminating)' },
    { name: 'nothing to do when every ordinal is ready', set, pods: ready(set, 0, 1, 2), writes: [], waiting: undefined },
    { name: 'a set being deleted leaves its pods alone', set: sts({ deleting: true }), pods: [], writes: [], waiting: undefined },
  ])('$name', ({ set, pods, writes: expected, waiting }) => {
    const result = reconcileStatefulSet(set, pods, [revisionFor(set, 'nginx:1')], clock(100));
    expect(writes(result.actions)).toEqual(expected);
    expect(result.waitingFor).toBe(waiting);
  });

  it('names the pod holding an identity, not the pod a scale-down waits on', () => {
    const held = reconcileStatefulSet(set, [pod(set, 0), pod(set, 1, { deleting: true }), pod(set, 2)], [revisionFor(set, 'nginx:1')], clock(100));
    expect(held.heldBy).toBe('web-1');
    const scaling = reconcileStatefulSet(one, [pod(one, 0), pod(one, 1), pod(one, 2, { deleting: true })], [revisionFor(one, 'nginx:1')], clock(100));
    expect(scaling.heldBy).toBeUndefined();
  });

  it('gives the new pod its stable identity and revision', () => {
    const [create] = reconcileStatefulSet(set, ready(set, 0), [revisionFor(set, 'nginx:1')], clock(100)).actions.filter((a) => a.type === 'CreatePod');
    const created = (create as Extract<StatefulSetAction, { type: 'CreatePod' }>).pod;
    expect(created.metadata).toMatchObject({
      name: 'web-1',
      namespace: 'default',
      labels: { app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': revisionFor(set, 'nginx:1').metadata.name },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(created.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx', containers: [{ name: 'nginx', image: 'nginx:1' }] });
  });

  it('mounts a claim per volumeClaimTemplate, named after the pod', () => {
    const withClaims = { ...set, spec: { ...set.spec!, volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: {} }] } };
    const create = reconcileStatefulSet(withClaims, [], [revisionFor(set, 'nginx:1')], clock(100)).actions.find((a) => a.type === 'CreatePod');
    expect((create as Extract<StatefulSetAction, { type: 'CreatePod' }>).pod.spec?.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
  });

  it('words its events as the StatefulSet controller does', () => {
    const failing = [pod(set, 0), pod(set, 1, { phase: 'Failed', ready: false })];
    const events = (pods: Pod[], s = set) => reconcileStatefulSet(s, pods, [revisionFor(set, 'nginx:1')], clock(100)).actions.filter((a) => a.type === 'RecordEvent');
    expect(events([])).toEqual([{ type: 'RecordEvent', eventType: 'Normal', reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful' }]);
    expect(events(ready(one, 0, 1), one)).toEqual([{ type: 'RecordEvent', eventType: 'Normal', reason: 'SuccessfulDelete', message: 'delete Pod web-1 in StatefulSet web successful' }]);
    expect(events(failing).map((e) => (e as { reason: string; message: string }).reason)).toEqual(['RecreatingFailedPod', 'SuccessfulDelete']);
    expect(events(failing)[0]).toMatchObject({ eventType: 'Warning', message: 'StatefulSet default/web is recreating failed Pod web-1' });
  });

  it('requeues when a ready pod will cross minReadySeconds, and waits for it', () => {
    const slow = sts({ minReadySeconds: 10 });
    const result = reconcileStatefulSet(slow, [pod(slow, 0, { readySince: 95 })], [revisionFor(slow, 'nginx:1')], clock(100));
    expect(writes(result.actions)).toEqual([]);
    expect(result.waitingFor).toBe('waiting for pod web-0 to be available (minReadySeconds 10)');
    expect(result.requeueAfterMs).toBe(5001);
  });
});

describe('reconcileStatefulSet: updates', () => {
  const old = revisionFor(sts(), 'nginx:1', 1);
  const updated = revisionFor(sts(), 'nginx:2', 2);
  const rolling = sts({ image: 'nginx:2', currentImage: 'nginx:1' });
  const partitioned = sts({ image: 'nginx:2', currentImage: 'nginx:1', partition: 1 });
  const onDelete = sts({ image: 'nginx:2', currentImage: 'nginx:1', onDelete: true });
  const v2 = { image: 'nginx:2' };
  it.each([
    { name: 'a new template becomes revision 2 and the highest ordinal goes first', set: rolling, revisions: [old], pods: ready(rolling, 0, 1, 2), writes: ['CreateControllerRevision 2', 'DeletePod web-2'] },
    { name: 'the updated pod must be ready before the next goes', set: rolling, revisions: [old, updated], pods: [pod(rolling, 0), pod(rolling, 1), pod(rolling, 2, { ...v2, phase: 'Running', ready: false })], writes: [], waiting: 'waiting for pod web-2 to be Running and Ready' },
    { name: 'then the next lower ordinal', set: rolling, revisions: [old, updated], pods: [pod(rolling, 0), pod(rolling, 1), pod(rolling, 2, v2)], writes: ['DeletePod web-1'] },
    { name: 'the deleted pod comes back on the update revision', set: rolling, revisions: [old, updated], pods: [pod(rolling, 0), pod(rolling, 2, v2)], writes: ['CreatePod web-1'] },
    { name: 'ordinals below the partition are not updated', set: partitioned, revisions: [old, updated], pods: [pod(rolling, 0), pod(rolling, 1, v2), pod(rolling, 2, v2)], writes: [] },
    { name: 'OnDelete never deletes for an update', set: onDelete, revisions: [old, updated], pods: ready(onDelete, 0, 1, 2), writes: [] },
  ] as { name: string; set: StatefulSet; revisions: ControllerRevision[]; pods: Pod[]; writes: string[]; waiting?: string }[])('$name', ({ set, revisions, pods, writes: expected, waiting }) => {
    const result = reconcileStatefulSet(set, pods, revisions, clock(100));
    expect(writes(result.actions)).toEqual(expected);
    expect(result.waitingFor).toBe(waiting);
  });

  it('Parallel: a rollout waits at an unready updated pod while older ones remain below', () => {
    const set = sts({ image: 'nginx:2', currentImage: 'nginx:1', parallel: true });
    const result = reconcileStatefulSet(set, [pod(set, 0), pod(set, 1), pod(set, 2, { ...v2, phase: 'Pending', ready: false })], [old, updated], clock(100));
    expect(writes(result.actions)).toEqual([]);
    expect(result.waitingFor).toBe('waiting for pod web-2 to be Running and Ready before updating the next one');
  });

  it.each([
    { name: 'RollingUpdate: a recreated pod at or above the partition', set: partitioned, ordinal: 1, image: 'nginx:2' },
    { name: 'RollingUpdate: a recreated pod below the partition keeps the current revision', set: partitioned, ordinal: 0, image: 'nginx:1' },
    { name: 'OnDelete: a recreated pod takes the update revision', set: onDelete, ordinal: 0, image: 'nginx:2' },
  ])('$name', ({ set, ordinal, image }) => {
    const pods = [0, 1, 2].filter((o) => o !== ordinal).map((o) => pod(set, o));
    const create = reconcileStatefulSet(set, pods, [old, updated], clock(100)).actions.find((a) => a.type === 'CreatePod');
    const created = (create as Extract<StatefulSetAction, { type: 'CreatePod' }>).pod;
    expect(created.metadata.name).toBe(`web-${ordinal}`);
    expect(created.spec!.containers[0].image).toBe(image);
    expect(created.metadata.labels!['controller-revision-hash']).toBe(revisionFor(set, image).metadata.name);
  });

  it('going back to an old template renumbers its revision instead of creating one', () => {
    const back = sts({ image: 'nginx:1', currentImage: 'nginx:2' });
    const { actions } = reconcileStatefulSet(back, [], [old, updated], clock(100));
    expect(writes(actions)).toContain('UpdateControllerRevision 3');
    expect(actions.find((a) => a.type === 'UpdateControllerRevision')).toMatchObject({ revision: { metadata: { name: old.metadata.name } } });
  });

  it('a name already taken by other data is a collision: collisionCount goes up', () => {
    const squatter = { ...revisionFor(rolling, 'nginx:2'), data: { other: true }, metadata: { ...updated.metadata, ownerReferences: [] } };
    const { actions } = reconcileStatefulSet(rolling, [], [old, squatter], clock(100));
    const created = actions.find((a) => a.type === 'CreateControllerRevision') as Extract<StatefulSetAction, { type: 'CreateControllerRevision' }>;
    expect(created.revision.metadata.name).not.toBe(updated.metadata.name);
    expect(actions.find((a) => a.type === 'UpdateStatus')).toMatchObject({ status: { collisionCount: 1, updateRevision: created.revision.metadata.name } });
  });

  it('prunes unused revisions beyond revisionHistoryLimit, oldest first', () => {
    const set = sts({ image: 'nginx:4', revisionHistoryLimit: 1 });
    const history = ['nginx:1', 'nginx:2', 'nginx:3', 'nginx:4'].map((image, i) => revisionFor(set, image, i + 1));
    const { actions } = reconcileStatefulSet(set, [pod(set, 0, { image: 'nginx:4' })], history, clock(100));
    expect(writes(actions).filter((w) => w.startsWith('Delete'))).toEqual(['DeleteControllerRevision 1', 'DeleteControllerRevision 2']);
  });
});

describe('reconcileStatefulSet: status', () => {
  const old = revisionFor(sts(), 'nginx:1', 1);
  const updated = revisionFor(sts(), 'nginx:2', 2);
  const status = (set: StatefulSet, pods: Pod[]) =>
    (reconcileStatefulSet(set, pods, [old, updated], clock(100)).actions.find((a) => a.type === 'UpdateStatus') as { status: Record<string, unknown> } | undefined)?.status;

  it('counts pods by readiness and revision mid-rollout', () => {
    const set = sts({ image: 'nginx:2', currentImage: 'nginx:1' });
    expect(status(set, [pod(set, 0), pod(set, 1), pod(set, 2, { image: 'nginx:2', phase: 'Pending', ready: false })])).toEqual({
      observedGeneration: 1, replicas: 3, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 1,
      currentRevision: old.metadata.name, updateRevision: updated.metadata.name, collisionCount: 0, availableReplicas: 2,
    });
  });

  it('makes the update revision current once every pod runs it and is ready', () => {
    const set = sts({ image: 'nginx:2', currentImage: 'nginx:1' });
    const done = [0, 1, 2].map((o) => pod(set, o, { image: 'nginx:2' }));
    expect(status(set, done)).toMatchObject({ currentReplicas: 3, updatedReplicas: 3, currentRevision: updated.metadata.name });
  });

  it('counts a Terminating pod in replicas but in no revision', () => {
    const set = sts({ replicas: 1 });
    expect(status(set, [pod(set, 0), pod(set, 1, { deleting: true })])).toMatchObject({ replicas: 2, readyReplicas: 2, currentReplicas: 1, updatedReplicas: 1 });
  });
});

describe('reconcileStatefulSet: claiming', () => {
  const set = sts({ replicas: 1 });
  it('adopts an orphan named after the set, ignores pods named otherwise', () => {
    const orphan = { ...pod(set, 0), metadata: { ...pod(set, 0).metadata, ownerReferences: undefined } };
    const stranger = { ...orphan, metadata: { ...orphan.metadata, name: 'db-0' } };
    const { actions } = reconcileStatefulSet(set, [orphan, stranger], [revisionFor(set, 'nginx:1')], clock(100));
    expect(actions.filter((a) => a.type === 'AdoptPod').map((a) => (a as { pod: KubeObject }).pod.metadata.name)).toEqual(['web-0']);
    expect(writes(actions)).toEqual([]);
  });
});
