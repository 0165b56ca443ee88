import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, type Node, type Pod } from '@kubelab/api';
import { planPodGc, type PodGcAction } from './plan-pod-gc.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const clock = (timeScale = 1, offsetMs = 0) => ({ now: new Date(NOW.getTime() + offsetMs), timeScale });

interface PodOptions { phase?: string; node?: string; created?: string; deleting?: boolean; reason?: string }

function pod(name: string, o: PodOptions = {}): Pod {
  return ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: o.created ?? '2025-01-01T10:00:00Z', ...(o.deleting ? { deletionTimestamp: '2025-01-01T11:59:00Z' } : {}) },
    spec: o.node === '' ? {} : { nodeName: o.node ?? 'node-1' },
    status: { phase: o.phase ?? 'Running', ...(o.reason ? { reason: o.reason } : {}), conditions: [{ type: 'Ready', status: 'True' }] },
  }) as Pod;
}

function node(name: string, o: { ready?: boolean; outOfService?: boolean } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}` },
    spec: o.outOfService ? { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } : {},
    status: { conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

const summary = (actions: PodGcAction[]) => actions.map((a) => (a.type === 'ForceDeletePod' ? `delete ${a.pod.metadata.name} ${a.reason}` : `fail ${a.pod.metadata.name}`));
const options = { terminatedPodGcThreshold: 12500 };

describe('planPodGc', () => {
  it.each([
    {
      given: 'terminated pods beyond the threshold: evicted first, then oldest',
      pods: [
        pod('new', { phase: 'Succeeded', created: '2025-01-01T11:00:00Z' }),
        pod('old', { phase: 'Failed', created: '2025-01-01T09:00:00Z' }),
        pod('evicted', { phase: 'Failed', reason: 'Evicted', created: '2025-01-01T11:30:00Z' }),
        pod('mid', { phase: 'Succeeded', created: '2025-01-01T10:00:00Z' }),
        pod('running'),
      ],
      threshold: 2, then: ['delete evicted Terminated', 'delete old Terminated'],
    },
    { given: 'at the threshold nothing goes', pods: [pod('a', { phase: 'Succeeded' }), pod('b', { phase: 'Failed' })], threshold: 2, then: [] },
    { given: 'threshold 0 disables it', pods: [pod('a', { phase: 'Succeeded' })], threshold: 0, then: [] },
    { given: 'a terminating pod never scheduled', pods: [pod('a', { node: '', deleting: true }), pod('b', { node: '' })], threshold: 12500, then: ['fail a', 'delete a Unscheduled'] },
    {
      given: 'terminating pods on an out-of-service node that is not Ready',
      pods: [pod('a', { node: 'down', deleting: true }), pod('b', { node: 'down' }), pod('c', { node: 'tainted-ready', deleting: true })],
      threshold: 12500, then: ['fail a', 'delete a OutOfService'],
    },
  ])('$given → $then', ({ pods, threshold, then }) => {
    const nodes = [node('node-1'), node('down', { ready: false, outOfService: true }), node('tainted-ready', { outOfService: true })];
    expect(summary(planPodGc(pods, nodes, { terminatedPodGcThreshold: threshold }, clock()).actions)).toEqual(then);
  });

  it('marks an unfinished pod Failed without losing its status, and leaves a finished one as it is', () => {
    const unfinished = pod('a', { node: '', deleting: true });
    const [marked] = planPodGc([unfinished], [], options, clock()).actions;
    expect(marked.type).toBe('MarkPodFailed');
    const patched = applyStrategicMergePatch(unfinished, marked.type === 'MarkPodFailed' ? marked.patch : {}) as Pod;
    expect(patched.status).toMatchObject({ phase: 'Failed', conditions: [{ type: 'Ready', status: 'True' }] });
    expect(patched.metadata.uid).toBe(unfinished.metadata.uid);
    const done = planPodGc([pod('b', { node: '', deleting: true, phase: 'Succeeded' })], [], options, clock());
    expect(summary(done.actions)).toEqual(['delete b Unscheduled']);
  });

  it.each([
    { given: 'scale 1: first seen, then 39 s, then 40 s later', timeScale: 1, laterMs: [39000, 40000], requeues: [40000, 1000] },
    { given: 'scale 20: 40 s is 2 s wall', timeScale: 20, laterMs: [1500, 2000], requeues: [2000, 500] },
  ])('orphans wait out the quarantine ($given)', ({ timeScale, laterMs, requeues }) => {
    const pods = [pod('orphan', { node: 'gone' }), pod('fine')];
    const first = planPodGc(pods, [node('node-1')], options, clock(timeScale));
    expect(first.actions).toEqual([]);
    expect([...first.orphanSince]).toEqual([['uid-orphan', NOW.getTime()]]);
    expect(first.requeueAfterMs).toBe(requeues[0]);

    const waiting = planPodGc(pods, [node('node-1')], { ...options, orphanSince: first.orphanSince }, clock(timeScale, laterMs[0]));
    expect(waiting.actions).toEqual([]);
    expect(waiting.requeueAfterMs).toBe(requeues[1]);

    const due = planPodGc(pods, [node('node-1')], { ...options, orphanSince: waiting.orphanSince }, clock(timeScale, laterMs[1]));
    expect(summary(due.actions)).toEqual(['fail orphan', 'delete orphan Orphaned']);
    const marked = due.actions[0];
    const patched = applyStrategicMergePatch(pods[0], marked.type === 'MarkPodFailed' ? marked.patch : {}) as Pod;
    expect(patched.status!.conditions!.map((c) => c.type)).toEqual(['Ready', 'DisruptionTarget']);
    expect(patched.status!.conditions!.at(-1)).toEqual({
      type: 'DisruptionTarget', status: 'True', lastTransitionTime: new Date(NOW.getTime() + laterMs[1]).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists',
    });
    expect(due.requeueAfterMs).toBeUndefined();
  });

  it('forgets the quarantine of a pod whose node came back', () => {
    const plan = planPodGc([pod('a', { node: 'back' })], [node('back')], { ...options, orphanSince: new Map([['uid-a', NOW.getTime() - 100000]]) }, clock());
    expect(plan.actions).toEqual([]);
    expect(plan.orphanSince.size).toBe(0);
  });

  it('deletes a pod matched by several rules once', () => {
    const doomed = pod('a', { node: '', deleting: true, phase: 'Failed' });
    expect(summary(planPodGc([doomed], [], { terminatedPodGcThreshold: 0 }, clock()).actions)).toEqual(['delete a Unscheduled']);
    expect(summary(planPodGc([doomed, pod('b', { phase: 'Failed' })], [node('node-1')], { terminatedPodGcThreshold: 1 }, clock()).actions)).toEqual(['delete a Terminated']);
  });
});
