import { describe, expect, it } from 'vitest';
import type { Pod, PodDisruptionBudget } from '@kubelab/api';
import type { Workload } from './expected-pods.js';
import { reconcileDisruptionBudget } from './reconcile-disruption-budget.js';

const T0 = Date.parse('2025-01-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const clock = (seconds: number, timeScale = 1) => ({ now: at(seconds), timeScale });
const stamp = (seconds: number) => at(seconds).toISOString().replace('.000Z', 'Z');

const deployment: Workload = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'dep' }, spec: { replicas: 3 } };
const replicaSet: Workload = {
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default', uid: 'rs', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep', controller: true }] }, spec: { replicas: 3 },
};

function pod(name: string, o: { ready?: boolean; deleting?: boolean; owner?: string | null; labels?: Record<string, string> } = {}): Pod {
  const owner = o.owner === undefined ? 'rs' : o.owner;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'default', labels: o.labels ?? { app: 'web' },
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: owner, controller: true }] } : {}),
      ...(o.deleting ? { deletionTimestamp: stamp(0) } : {}),
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

function pdb(spec: Record<string, unknown>, status?: Record<string, unknown>): PodDisruptionBudget {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb', namespace: 'default', generation: 1 }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec }, ...(status ? { status } : {}) } as PodDisruptionBudget;
}

const three = [pod('a'), pod('b'), pod('c')];
const workloads = [deployment, replicaSet];
const numbers = (s: Record<string, any> | undefined) => s && [s.currentHealthy, s.desiredHealthy, s.expectedPods, s.disruptionsAllowed, s.conditions.at(-1).reason];

describe('reconcileDisruptionBudget', () => {
  it.each([
    { given: 'minAvailable 2 of 3 ready pods', spec: { minAvailable: 2 }, pods: three, want: [3, 2, 3, 1, 'SufficientPods'] },
    { given: 'minAvailable 3 of 3: no disruption allowed', spec: { minAvailable: 3 }, pods: three, want: [3, 3, 3, 0, 'InsufficientPods'] },
    { given: 'an unready pod is not healthy', spec: { minAvailable: 2 }, pods: [pod('a'), pod('b', { ready: false }), pod('c')], want: [2, 2, 3, 0, 'InsufficientPods'] },
    { given: 'a pod being deleted is not healthy', spec: { minAvailable: 1 }, pods: [pod('a'), pod('b', { deleting: true }), pod('c')], want: [2, 1, 3, 1, 'SufficientPods'] },
    { given: 'maxUnavailable 1 counts the Deployment\'s scale', spec: { maxUnavailable: 1 }, pods: [pod('a'), pod('b')], want: [2, 2, 3, 0, 'InsufficientPods'] },
    { given: 'minAvailable 50% rounds up against the scale', spec: { minAvailable: '50%' }, pods: three, want: [3, 2, 3, 1, 'SufficientPods'] },
    { given: 'maxUnavailable 34% rounds up', spec: { maxUnavailable: '34%' }, pods: three, want: [3, 1, 3, 2, 'SufficientPods'] },
    { given: 'pods of other apps are not counted', spec: { minAvailable: 1 }, pods: [pod('a'), pod('db', { labels: { app: 'db' } })], want: [1, 1, 1, 0, 'InsufficientPods'] },
    { given: 'no pods: nothing may be disrupted', spec: { maxUnavailable: 1 }, pods: [], want: [0, 0, 0, 0, 'InsufficientPods'] },
  ])('$given', ({ spec, pods, want }) => {
    expect(numbers(reconcileDisruptionBudget(pdb(spec), pods, workloads, clock(0)).status)).toEqual(want);
  });

  it('says when a budget selects no pods', () => {
    expect(reconcileDisruptionBudget(pdb({ minAvailable: 1 }), [pod('db', { labels: { app: 'db' } })], workloads, clock(0)).events).toEqual([
      { eventType: 'Normal', reason: 'NoPods', message: 'No matching pods found' },
    ]);
  });

  it('writes the status in the API\'s field order with its condition, and nothing when it already holds', () => {
    const { status } = reconcileDisruptionBudget(pdb({ minAvailable: 2 }), three, workloads, clock(0));
    expect(status).toEqual({
      observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: stamp(0), reason: 'SufficientPods', message: '' }],
    });
    expect(Object.keys(status!)).toEqual(['observedGeneration', 'disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods', 'conditions']);
    expect(reconcileDisruptionBudget(pdb({ minAvailable: 2 }, status), three, workloads, clock(30))).toEqual({ events: [] });
  });

  it('keeps a just-evicted pod out of the healthy count for two minutes, then forgets it', () => {
    const evicted = pdb({ minAvailable: 2 }, { observedGeneration: 1, disruptedPods: { a: stamp(0) }, disruptionsAllowed: 0, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, conditions: [] });
    const soon = reconcileDisruptionBudget(evicted, three, workloads, clock(10));
    expect(soon.status).toMatchObject({ disruptedPods: { a: stamp(0) }, currentHealthy: 2, disruptionsAllowed: 0 });
    expect(soon.recheckAt).toEqual(at(120));
    const late = reconcileDisruptionBudget(evicted, three, workloads, clock(121));
    expect(late.status).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(late.status?.disruptedPods).toBeUndefined();
    expect(reconcileDisruptionBudget(evicted, three, workloads, clock(7, 20)).status).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    const gone = reconcileDisruptionBudget(evicted, [pod('a', { deleting: true }), pod('b'), pod('c')], workloads, clock(10));
    expect(gone.status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(gone.status?.disruptedPods).toBeUndefined();
  });

  it('fails safe when a percentage needs a controller it cannot find', () => {
    const { status, events } = reconcileDisruptionBudget(pdb({ minAvailable: '50%' }, { disruptionsAllowed: 2, conditions: [] }), [pod('a', { owner: 'gone' })], workloads, clock(0));
    expect(events).toEqual([{ eventType: 'Warning', reason: 'CalculateExpectedPodCountFailed', message: 'Failed to calculate the number of expected pods: found no controllers for pod "a"' }]);
    expect(status).toEqual({
      disruptionsAllowed: 0,
      conditions: [{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 0, lastTransitionTime: stamp(0), reason: 'SyncFailed', message: 'found no controllers for pod "a"' }],
    });
  });
});
