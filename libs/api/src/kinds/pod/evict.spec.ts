import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Pod, PodDisruptionBudget } from '../../typed-objects.js';
import { storedTypeOf } from '../../registry.js';
import { ApiError } from '../../status.js';
import { decide } from '../../commands/decide.js';
import type { CommandContext, StateView } from '../../commands/types.js';

const now = new Date('2026-11-22T10:00:00.000Z');
const ctx: CommandContext = {
  actor: 'test', cause: null, now, newUid: () => 'uid', randomSuffix: () => 'x7k2p', randomInt: () => 0,
  options: { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' },
};

function view(...objects: KubeObject[]): StateView {
  return {
    get: (kind, namespace, name) => objects.find((o) => o.kind === kind && (o.metadata.namespace ?? '') === namespace && o.metadata.name === name),
    list: (kind, namespace) => objects.filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace)),
  };
}

const pod = (name: string, phase = 'Running', labels: Record<string, string> = { app: 'web' }): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, labels },
  spec: { nodeName: 'node-1', terminationGracePeriodSeconds: 30, containers: [{ name: 'c', image: 'nginx' }] }, status: { phase },
});

function pdb(name: string, status: Record<string, any>, selector: object = { matchLabels: { app: 'web' } }, generation = 1): KubeObject {
  return {
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default', generation },
    spec: { minAvailable: 2, selector },
    status: { observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2, ...status },
  };
}

const evict = (name: string) => ({ type: 'Evict' as const, resource: storedTypeOf('Pod')!, namespace: 'default', name, options: {} });
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('decide: eviction and PodDisruptionBudgets', () => {
  it('refuses with 429 and the budget\'s numbers while it allows no disruption', () => {
    expect(refusal(() => decide(evict('web-1'), view(pod('web-1'), pdb('web-pdb', {})), ctx))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 429, reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' }] },
    });
  });

  it('refuses while the budget\'s status lags its generation', () => {
    const status = refusal(() => decide(evict('web-1'), view(pod('web-1'), pdb('web-pdb', { disruptionsAllowed: 1 }, undefined, 2)), ctx));
    expect(status.details?.causes).toEqual([{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb is still being processed by the server.' }]);
  });

  it('spends one disruption: the budget records the pod, and its condition turns False at zero', () => {
    const d = decide(evict('web-1'), view(pod('web-1'), pdb('web-pdb', {
      disruptionsAllowed: 1, currentHealthy: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: '2026-11-22T09:00:00Z', reason: 'SufficientPods', message: '' }],
    })), ctx);
    expect(d.changes.map((c) => c.type)).toEqual(['PodDisruptionBudgetStatusUpdated', 'PodEvicted']);
    expect(d.changes[0].object.status).toEqual({
      observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 3, desiredHealthy: 2, expectedPods: 2,
      conditions: [{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: '2026-11-22T10:00:00Z', reason: 'InsufficientPods', message: '' }],
      disruptedPods: { 'web-1': '2026-11-22T10:00:00Z' },
    });
    expect(Object.keys((d.changes[0].object as PodDisruptionBudget).status!)).toEqual(['observedGeneration', 'disruptedPods', 'disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods', 'conditions']);
    expect(d.changes[1].object.metadata.deletionTimestamp).toBe('2026-11-22T10:00:30Z');
    expect((d.changes[1].object as Pod).status!.conditions).toEqual([
      { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-22T10:00:00Z', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' },
    ]);
    expect(d.reply).toMatchObject({ code: 201, body: { kind: 'Status', status: 'Success', code: 201 } });
  });

  it('evicts without asking a pod that is Pending or finished, or one no budget selects (an empty selector selects none)', () => {
    const budget = pdb('web-pdb', {});
    expect(decide(evict('web-1'), view(pod('web-1', 'Pending'), budget), ctx).changes.map((c) => c.type)).toEqual(['PodEvicted']);
    expect(decide(evict('web-1'), view(pod('web-1', 'Succeeded'), budget), ctx).changes.map((c) => c.type)).toEqual(['PodDeleted']);
    expect(decide(evict('db-1'), view(pod('db-1', 'Running', { app: 'db' }), budget), ctx).changes.map((c) => c.type)).toEqual(['PodEvicted']);
    expect(decide(evict('web-1'), view(pod('web-1'), pdb('all', {}, {})), ctx).changes.map((c) => c.type)).toEqual(['PodEvicted']);
  });

  it('refuses a pod guarded by two budgets', () => {
    const status = refusal(() => decide(evict('web-1'), view(pod('web-1'), pdb('a', { disruptionsAllowed: 1 }), pdb('b', { disruptionsAllowed: 1 })), ctx));
    expect([status.code, status.message]).toEqual([500, 'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
  });
});
