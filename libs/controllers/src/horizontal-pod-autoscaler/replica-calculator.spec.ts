import { describe, expect, it } from 'vitest';
import { cool, hot, levelsOf, NOW, podMetricsItems, testPod } from './hpa-fixtures.testing.js';
import { averageValueReplicas, utilizationReplicas, type PodMetricsListing, type ResourceQuestion } from './replica-calculator.js';

/** Upstream's testing defaults: tolerance 0.1, CPU initialization period 2 min, initial readiness delay 10 s. */
const timings = { cpuInitializationPeriodSeconds: 120, initialReadinessDelaySeconds: 10 };

interface Case {
  name: string;
  current: number;
  expected?: number;
  error?: string;
  readiness?: ('True' | 'False')[];
  startTimes?: string[];
  phases?: string[];
  deleting?: boolean[];
  requests: string[];
  levels: number[][];
  podNames?: string[];
  container?: string;
  target: number;
  utilization?: number;
  value?: number;
}

/** replicaCalcTestCase.prepareTestClientSet: max(currentReplicas, phases) pods, the i-th request in both containers. */
function question(c: Case, timeScale = 1, listing?: PodMetricsListing): ResourceQuestion {
  const count = Math.max(c.current, c.phases?.length ?? 0);
  const pods = Array.from({ length: count }, (_, i) => testPod(i, {
    ready: c.readiness?.[i], startTime: c.startTimes?.[i], phase: c.phases?.[i], deleting: c.deleting?.[i], request: c.requests[i],
  }));
  return {
    currentReplicas: c.current, resource: 'cpu', container: c.container ?? '', pods, listing: listing ?? { items: podMetricsItems(c.levels, 'cpu', c.podNames) },
    tolerance: 0.1, timings, clock: { now: NOW, timeScale },
  };
}

const r = (n: number) => Array.from({ length: n }, () => '1.0');

// The cases of replica_calculator_test.go (1.32) for resource utilization, in its order.
const cases: Case[] = [
  { name: 'DisjointResourcesMetrics', current: 1, error: 'no metrics returned matched known pods', requests: ['1.0'], levels: levelsOf(100), podNames: ['an-older-pod-name'], target: 100 },
  { name: 'ScaleUp', current: 3, expected: 5, requests: r(3), levels: levelsOf(300, 500, 700), target: 30, utilization: 50, value: 1000 },
  { name: 'ContainerScaleUp', current: 3, expected: 5, requests: r(3), levels: [[1000, 300], [1000, 500], [1000, 700]], container: 'container2', target: 30, utilization: 50, value: 500 },
  { name: 'ScaleUpUnreadyLessScale', current: 3, expected: 4, readiness: ['False', 'True', 'True'], requests: r(3), levels: levelsOf(300, 500, 700), target: 30, utilization: 60, value: 1200 },
  { name: 'ScaleUpContainerHotCpuLessScale', current: 3, expected: 4, startTimes: [hot(), cool(), cool()], requests: r(3), levels: [[0, 300], [0, 500], [0, 700]], container: 'container2', target: 30, utilization: 60, value: 600 },
  { name: 'ScaleUpHotCpuLessScale', current: 3, expected: 4, startTimes: [hot(), cool(), cool()], requests: r(3), levels: levelsOf(300, 500, 700), target: 30, utilization: 60, value: 1200 },
  { name: 'ScaleUpUnreadyNoScale', current: 3, expected: 3, readiness: ['True', 'False', 'False'], requests: r(3), levels: levelsOf(400, 500, 700), target: 30, utilization: 40, value: 800 },
  { name: 'ScaleHotCpuNoScale', current: 3, expected: 3, readiness: ['True', 'False', 'False'], startTimes: [cool(), hot(), hot()], requests: r(3), levels: levelsOf(400, 500, 700), target: 30, utilization: 40, value: 800 },
  {
    name: 'ScaleUpIgnoresFailedPods', current: 2, expected: 4, readiness: ['True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Failed', 'Failed'],
    requests: r(4), levels: levelsOf(500, 700), target: 30, utilization: 60, value: 1200,
  },
  {
    name: 'ScaleUpContainerIgnoresFailedPods', current: 2, expected: 4, readiness: ['True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Failed', 'Failed'],
    requests: r(4), levels: [[1000, 500], [9000, 700]], container: 'container2', target: 30, utilization: 60, value: 600,
  },
  {
    name: 'ScaleUpIgnoresDeletionPods', current: 2, expected: 4, readiness: ['True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Running', 'Running'],
    deleting: [false, false, true, true], requests: r(4), levels: levelsOf(500, 700), target: 30, utilization: 60, value: 1200,
  },
  {
    name: 'ScaleUpContainerIgnoresDeletionPods', current: 2, expected: 4, readiness: ['True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Running', 'Running'],
    deleting: [false, false, true, true], requests: r(4), levels: levelsOf(500, 700), container: 'container1', target: 30, utilization: 60, value: 600,
  },
  { name: 'ScaleDown', current: 5, expected: 3, requests: r(5), levels: levelsOf(100, 300, 500, 250, 250), target: 50, utilization: 28, value: 560 },
  { name: 'ContainerScaleDown', current: 5, expected: 3, requests: r(5), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], container: 'container2', target: 50, utilization: 28, value: 280 },
  { name: 'ScaleDownExcludeUnreadyPods', current: 5, expected: 2, readiness: ['True', 'True', 'True', 'False', 'False'], requests: r(5), levels: levelsOf(100, 300, 500, 250, 250), target: 50, utilization: 30, value: 600 },
  {
    name: 'ScaleDownContainerExcludeUnreadyPods', current: 5, expected: 2, readiness: ['True', 'True', 'True', 'False', 'False'], requests: r(5),
    levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], container: 'container2', target: 50, utilization: 30, value: 300,
  },
  {
    name: 'ScaleDownExcludeUnscheduledPods', current: 5, expected: 1, readiness: ['True', 'False', 'False', 'False', 'False'], phases: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'],
    requests: r(5), levels: levelsOf(100), target: 50, utilization: 10, value: 200,
  },
  {
    name: 'ScaleDownContainerExcludeUnscheduledPods', current: 5, expected: 1, readiness: ['True', 'False', 'False', 'False', 'False'], phases: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'],
    requests: r(5), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], container: 'container2', target: 50, utilization: 10, value: 100,
  },
  { name: 'ScaleDownIgnoreHotCpuPods', current: 5, expected: 2, startTimes: [cool(), cool(), cool(), hot(), hot()], requests: r(5), levels: levelsOf(100, 300, 500, 250, 250), target: 50, utilization: 30, value: 600 },
  {
    name: 'ScaleDownContainerIgnoreHotCpuPods', current: 5, expected: 2, startTimes: [cool(), cool(), cool(), hot(), hot()], requests: r(5),
    levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 1000], [1000, 1000]], container: 'container2', target: 50, utilization: 30, value: 300,
  },
  {
    name: 'ScaleDownIgnoresFailedPods', current: 5, expected: 3, readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
    phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], requests: r(7), levels: levelsOf(100, 300, 500, 250, 250), target: 50, utilization: 28, value: 560,
  },
  {
    name: 'ScaleDownIgnoresDeletionPods', current: 5, expected: 3, readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
    phases: Array(7).fill('Running'), deleting: [false, false, false, false, false, true, true], requests: r(7), levels: levelsOf(100, 300, 500, 250, 250), target: 50, utilization: 28, value: 560,
  },
  {
    name: 'ScaleDownIgnoresDeletionPods_StillRunning', current: 5, expected: 3, readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
    phases: Array(7).fill('Running'), deleting: [false, false, false, false, false, true, true], requests: r(7),
    levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], container: 'container2', target: 50, utilization: 28, value: 280,
  },
  { name: 'Tolerance', current: 3, expected: 3, requests: ['0.9', '1.0', '1.1'], levels: levelsOf(1010, 1030, 1020), target: 100, utilization: 102, value: 2040 },
  { name: 'SuperfluousMetrics', current: 4, expected: 24, requests: r(4), levels: levelsOf(4000, 9500, 3000, 7000, 3200, 2000), target: 100, utilization: 587, value: 11750 },
  { name: 'MissingMetrics', current: 4, expected: 3, requests: r(4), levels: levelsOf(400, 95), target: 100, utilization: 24, value: 495 },
  { name: 'EmptyMetrics', current: 4, error: 'unable to get metrics for resource cpu: no metrics returned from resource metrics API', requests: r(3), levels: [], target: 100 },
  { name: 'EmptyCPURequest', current: 1, error: 'missing request for cpu in container container1 of Pod test-pod-0', requests: [], levels: levelsOf(200), target: 100 },
  { name: 'MissingMetricsNoChangeEq', current: 2, expected: 2, requests: r(2), levels: levelsOf(1000), target: 100, utilization: 100, value: 2000 },
  { name: 'MissingMetricsNoChangeGt', current: 2, expected: 2, requests: r(2), levels: levelsOf(1900), target: 100, utilization: 190, value: 3800 },
  { name: 'MissingMetricsNoChangeLt', current: 2, expected: 2, requests: r(2), levels: levelsOf(600), target: 100, utilization: 60, value: 1200 },
  { name: 'MissingMetricsUnreadyChange', current: 3, expected: 3, readiness: ['False', 'True', 'True'], requests: r(3), levels: levelsOf(100, 450), target: 50, utilization: 45, value: 900 },
  { name: 'MissingMetricsHotCpuNoChange', current: 3, expected: 3, startTimes: [hot(), cool(), cool()], requests: r(3), levels: levelsOf(100, 450), target: 50, utilization: 45, value: 900 },
  { name: 'MissingMetricsUnreadyScaleUp', current: 3, expected: 4, readiness: ['False', 'True', 'True'], requests: r(3), levels: levelsOf(100, 2000), target: 50, utilization: 200, value: 4000 },
  {
    name: 'MissingMetricsHotCpuScaleUp', current: 3, expected: 4, readiness: ['False', 'True', 'True'], startTimes: [hot(), cool(), cool()], requests: r(3),
    levels: levelsOf(100, 2000), target: 50, utilization: 200, value: 4000,
  },
  { name: 'MissingMetricsUnreadyScaleDown', current: 4, expected: 3, readiness: ['False', 'True', 'True', 'True'], requests: r(4), levels: levelsOf(100, 100, 100), target: 50, utilization: 10, value: 200 },
  {
    name: 'MissingMetricsScaleDownTargetOver100', current: 4, expected: 2, readiness: ['False', 'True', 'True', 'True'], requests: ['1.0', '1.0', '2.0', '2.0'],
    levels: levelsOf(200, 100, 100), target: 300, utilization: 6, value: 200,
  },
  { name: 'DuringRollingUpdateWithMaxSurge', current: 2, expected: 2, phases: ['Running', 'Running', 'Running'], requests: r(3), levels: levelsOf(100, 100), target: 50, utilization: 10, value: 200 },
];

describe('utilizationReplicas (GetResourceReplicas)', () => {
  it.each(cases)('$name', (c) => {
    const answer = utilizationReplicas(question(c), c.target);
    if (c.error) return expect(answer).toEqual({ error: c.error });
    expect(answer).toEqual({ replicas: c.expected, utilization: c.utilization, rawAverage: c.value });
  });

  it('judges the CPU initialization period on the lab clock: 2 min of Kubernetes time are 6 s at time scale 20', () => {
    const base: Case = { name: 'hot at scale 20', current: 3, requests: r(3), levels: levelsOf(300, 500, 700), target: 30 };
    // Started 10 s (wall) ago: past 6 s, so the pod counts at time scale 20, as it would not at time scale 1.
    expect(utilizationReplicas(question({ ...base, startTimes: [new Date(NOW.getTime() - 10_000).toISOString(), cool(), cool()] }, 20), 30)).toEqual({ replicas: 5, utilization: 50, rawAverage: 1000 });
    expect(utilizationReplicas(question({ ...base, startTimes: [new Date(NOW.getTime() - 10_000).toISOString(), cool(), cool()] }, 1), 30)).toEqual({ replicas: 4, utilization: 60, rawAverage: 1200 });
  });

  it('words a failed list of the metrics API as the metrics client does', () => {
    const c: Case = { name: 'no metrics API', current: 1, requests: r(1), levels: [], target: 50 };
    expect(utilizationReplicas(question(c, 1, { error: 'the server could not find the requested resource (get pods.metrics.k8s.io)' }), 50)).toEqual({
      error: 'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    });
  });

  it('fails when a pod lacks the container a ContainerResource metric names (1.32, before #127193)', () => {
    const c: Case = { name: 'missing container', current: 2, requests: r(2), levels: [[1000, 500], [1000]], container: 'container2', target: 30 };
    expect(utilizationReplicas(question(c), 30)).toEqual({ error: 'unable to get metrics for resource cpu: failed to get container metrics: container container2 not present in metrics for pod test-namespace/test-pod-1' });
  });

  it('fails when every pod with a sample is unready', () => {
    const c: Case = { name: 'all unready', current: 2, readiness: ['False', 'False'], requests: r(2), levels: levelsOf(100, 100), target: 50 };
    expect(utilizationReplicas(question(c), 50)).toEqual({ error: 'did not receive metrics for targeted pods (pods might be unready)' });
    expect(utilizationReplicas({ ...question(c), pods: [] }, 50)).toEqual({ error: 'no pods returned by selector while calculating replica count' });
  });

  // TestReplicaCalcComputedToleranceAlgImplementation: 50% used against a 56% target scales 10 pods down to 9; against 55% it is within the tolerance.
  it('computes the tolerance boundary as upstream does', () => {
    const requests = [400, 200, 310, 290, 302, 298, 301, 299, 300, 300].map((m) => `${m}m`);
    const base: Case = { name: 'tolerance', current: 10, requests, levels: levelsOf(...Array(10).fill(150)), target: 0 };
    expect(utilizationReplicas(question(base), 56)).toEqual({ replicas: 9, utilization: 50, rawAverage: 300 });
    expect(utilizationReplicas(question(base), 55)).toEqual({ replicas: 10, utilization: 50, rawAverage: 300 });
  });
});

describe('averageValueReplicas (GetRawResourceReplicas)', () => {
  const memory = (c: Omit<Case, 'name' | 'target' | 'requests'>, targetMilli: number) => {
    const q = question({ ...c, name: '', requests: [], target: 0 });
    return averageValueReplicas({ ...q, resource: 'memory', listing: { items: podMetricsItems(c.levels, 'memory') } }, targetMilli);
  };

  it.each([
    // The calcPlainMetricReplicas cases of replica_calculator_test.go, with each pod's level split over its two containers.
    { name: 'ScaleUpCM', current: 3, levels: [[10000, 10000], [5000, 5000], [15000, 15000]], target: 15000, expected: { replicas: 4, usage: 20000 } },
    { name: 'ScaleDownCM', current: 5, levels: Array(5).fill([6000, 6000]), target: 20000, expected: { replicas: 3, usage: 12000 } },
    { name: 'ToleranceCM', current: 3, levels: [[10000, 10000], [10500, 10500], [10500, 10500]], target: 20000, expected: { replicas: 3, usage: 20666 } },
    { name: 'MissingMetricsNoChangeEq', current: 5, levels: [[10000, 10000], [9500, 9500], [10500, 10500]], target: 20000, expected: { replicas: 5, usage: 20000 } },
    { name: 'DuringRollingUpdateWithMaxSurgeCM', current: 2, phases: ['Running', 'Running', 'Running'], levels: [[5000, 5000], [5000, 5000]], target: 17000, expected: { replicas: 2, usage: 10000 } },
  ])('$name', ({ current, phases, levels, target, expected }) => {
    expect(memory({ current, phases, levels }, target)).toEqual(expected);
  });

  it('ScaleUpCMUnreadyHotCpuNoLessScale: for memory an unready pod counts (only CPU samples are doubted)', () => {
    expect(memory({ current: 3, readiness: ['True', 'True', 'False'], startTimes: [cool(), cool(), hot()], levels: [[25000, 25000], [5000, 5000], [15000, 15000]] }, 15000)).toEqual({ replicas: 6, usage: 30000 });
  });
});
