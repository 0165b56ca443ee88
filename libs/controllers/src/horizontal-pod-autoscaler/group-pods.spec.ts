import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { groupPods } from './group-pods.js';
import { at, NOW } from './hpa-fixtures.testing.js';
import type { PodMetricsInfo } from './resource-metrics.js';

const timings = { cpuInitializationPeriodSeconds: 120, initialReadinessDelaySeconds: 10 };
const ms = (secondsFromNow: number) => Date.parse(at(secondsFromNow));

function pod(name: string, status: Record<string, unknown>, deleting = false): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(deleting ? { deletionTimestamp: '1970-01-01T00:00:01Z' } : {}) }, status };
}
const ready = (status: 'True' | 'False', transitionAgo: number) => ({ conditions: [{ type: 'Ready', status, lastTransitionTime: at(-transitionAgo) }] });
const sample = (windowSeconds = 60, takenAgo = 0) => ({ value: 1, timestamp: ms(-takenAgo), windowMs: windowSeconds * 1000 });

// TestGroupPods of replica_calculator_test.go.
describe('groupPods', () => {
  it.each<{ name: string; pods: Pod[]; metrics: [string, ReturnType<typeof sample>][]; resource: string; ready: number; unready?: string[]; missing?: string[]; ignored?: string[] }>([
    { name: 'void', pods: [], metrics: [], resource: 'cpu', ready: 0 },
    { name: 'count in a ready pod - memory', pods: [pod('bentham', { phase: 'Succeeded' })], metrics: [['bentham', sample()]], resource: 'memory', ready: 1 },
    { name: 'unready a pod without ready condition - CPU', pods: [pod('lucretius', { phase: 'Succeeded', startTime: at(0) })], metrics: [['lucretius', sample()]], resource: 'cpu', ready: 0, unready: ['lucretius'] },
    {
      name: 'count in a ready pod with fresh metrics during initialization period - CPU',
      pods: [pod('bentham', { phase: 'Succeeded', startTime: at(-60), ...ready('True', 30) })], metrics: [['bentham', sample(30)]], resource: 'cpu', ready: 1,
    },
    {
      name: 'unready a ready pod without fresh metrics during initialization period - CPU',
      pods: [pod('bentham', { phase: 'Succeeded', startTime: at(-60), ...ready('True', 30) })], metrics: [['bentham', sample(60)]], resource: 'cpu', ready: 0, unready: ['bentham'],
    },
    {
      name: 'unready an unready pod during initialization period - CPU',
      pods: [pod('lucretius', { phase: 'Succeeded', startTime: at(-600), ...ready('False', 594) })], metrics: [['lucretius', sample()]], resource: 'cpu', ready: 0, unready: ['lucretius'],
    },
    {
      name: 'count in a ready pod without fresh metrics after initialization period - CPU',
      pods: [pod('bentham', { phase: 'Succeeded', startTime: at(-180), ...ready('True', 180) })], metrics: [['bentham', sample(60, 120)]], resource: 'cpu', ready: 1,
    },
    {
      name: 'count in an unready pod that was ready after initialization period - CPU',
      pods: [pod('lucretius', { phase: 'Succeeded', startTime: at(-600), ...ready('False', 540) })], metrics: [['lucretius', sample()]], resource: 'cpu', ready: 1,
    },
    {
      name: 'unready pod that has never been ready after initialization period - CPU',
      pods: [pod('lucretius', { phase: 'Succeeded', startTime: at(-600), ...ready('False', 590) })], metrics: [['lucretius', sample()]], resource: 'cpu', ready: 1,
    },
    { name: 'a missing pod', pods: [pod('epicurus', { phase: 'Succeeded', startTime: at(-180) })], metrics: [], resource: 'cpu', ready: 0, missing: ['epicurus'] },
    {
      name: 'several pods',
      pods: [
        pod('lucretius', { phase: 'Succeeded', startTime: at(0) }),
        pod('niccolo', { phase: 'Succeeded', startTime: at(-180), ...ready('True', 180) }),
        pod('epicurus', { phase: 'Succeeded', startTime: at(-180) }),
      ],
      metrics: [['lucretius', sample()], ['niccolo', sample()]], resource: 'cpu', ready: 1, unready: ['lucretius'], missing: ['epicurus'],
    },
    { name: 'pending pods are unreadied', pods: [pod('unscheduled', { phase: 'Pending' })], metrics: [], resource: 'cpu', ready: 0, unready: ['unscheduled'] },
    { name: 'ignore pods with deletion timestamps', pods: [pod('deleted', { phase: 'Pending' }, true)], metrics: [['deleted', sample()]], resource: 'cpu', ready: 0, ignored: ['deleted'] },
    { name: 'ignore pods in a failed state', pods: [pod('failed', { phase: 'Failed' })], metrics: [['failed', sample()]], resource: 'cpu', ready: 0, ignored: ['failed'] },
  ])('$name', ({ pods, metrics, resource, ready: readyCount, unready = [], missing = [], ignored = [] }) => {
    const groups = groupPods(pods, new Map(metrics) as PodMetricsInfo, resource, timings, { now: NOW, timeScale: 1 });
    expect(groups).toEqual({ readyPodCount: readyCount, unready: new Set(unready), missing: new Set(missing), ignored: new Set(ignored) });
  });

  it('reads the sample window as Kubernetes time: a 60 s window is 3 s of wall time at time scale 20', () => {
    const young = pod('bentham', { phase: 'Running', startTime: at(-5), ...ready('True', 4) });
    expect(groupPods([young], new Map([['bentham', sample(60)]]), 'cpu', timings, { now: NOW, timeScale: 20 }).readyPodCount).toBe(1);
    expect(groupPods([young], new Map([['bentham', sample(60)]]), 'cpu', timings, { now: NOW, timeScale: 1 }).unready).toEqual(new Set(['bentham']));
  });
});
