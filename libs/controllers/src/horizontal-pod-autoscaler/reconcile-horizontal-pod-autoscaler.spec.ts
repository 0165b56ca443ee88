import type { HorizontalPodAutoscaler } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { rescaleDecisionAnnotation } from './rescale-decision.js';
import { emptyHpaHistory, type HpaHistory } from './hpa-history.js';
import { levelsOf, NOW, podMetricsItems, testPod } from './hpa-fixtures.testing.js';
import { defaultHpaSettings } from './hpa-settings.js';
import { needsResourceMetrics, planRescale, settleRescale, type HpaObservation, type TargetScale } from './reconcile-horizontal-pod-autoscaler.js';
import type { PodMetricsListing } from './replica-calculator.js';

const clock = { now: NOW, timeScale: 1 };
const nowText = '2025-03-01T12:00:00Z';
const cpu = (target: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } });
const noMetricsApi = 'the server could not find the requested resource (get pods.metrics.k8s.io)';

function hpa(spec: Record<string, unknown> = {}, status?: object): HorizontalPodAutoscaler {
  return ({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'test-hpa', namespace: 'test-namespace', uid: 'hpa-uid', resourceVersion: '7' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'test-deployment' }, minReplicas: 2, maxReplicas: 6, metrics: [cpu(30)], ...spec },
    ...(status ? { status } : {}),
  }) as HorizontalPodAutoscaler;
}

interface Given {
  hpa?: HorizontalPodAutoscaler;
  scale?: TargetScale | { error: string };
  /** CPU levels (both containers) of the pods, one pod per level, each container requesting 1 CPU. */
  levels?: number[];
  listing?: PodMetricsListing;
  history?: HpaHistory;
  selectors?: Map<string, string>;
}

function observe(given: Given): HpaObservation {
  const levels = given.levels ?? [];
  const scale = given.scale ?? { specReplicas: levels.length, statusReplicas: levels.length, selector: 'name=test-pod' };
  return {
    hpa: given.hpa ?? hpa(), scale, pods: levels.map((_, i) => testPod(i, { request: '1.0' })),
    listing: given.listing ?? { items: podMetricsItems(levelsOf(...levels)) },
    selectors: given.selectors ?? new Map(), history: given.history, settings: defaultHpaSettings, clock,
  };
}

const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, lastTransitionTime: nowText, reason, message });
const gotScale = condition('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");

describe('planRescale and settleRescale (horizontal_test.go)', () => {
  it('TestScaleUp: 50% of requests against a 30% target takes 3 pods to 5', () => {
    const plan = planRescale(observe({ levels: [300, 500, 700] }));
    expect(plan.rescale).toMatchObject({ replicas: 5, reason: 'cpu resource utilization (percentage of request) above target' });
    expect(plan.events).toEqual([]);
    const settled = settleRescale(plan, { ok: true }, clock);
    expect(settled.events).toEqual([{
      eventType: 'Normal', reason: 'SuccessfulRescale', message: 'New size: 5; reason: cpu resource utilization (percentage of request) above target',
      annotations: { [rescaleDecisionAnnotation]: expect.any(String) },
    }]);
    expect(JSON.parse(settled.events[0].annotations![rescaleDecisionAnnotation])).toEqual({
      target: { kind: 'Deployment', name: 'test-deployment' }, currentReplicas: 3, desiredReplicas: 5, reason: 'cpu resource utilization (percentage of request) above target', minReplicas: 2, maxReplicas: 6,
      metrics: [{ metric: 'cpu', current: '50%', target: '30%', utilization: true, replicas: 5 }],
    });
    expect(settled.status).toEqual({
      currentReplicas: 3, desiredReplicas: 5, lastScaleTime: nowText,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '1' } } }],
      conditions: [
        condition('AbleToScale', 'True', 'SucceededRescale', 'the HPA controller was able to update the target scale to 5'),
        condition('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)'),
        condition('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range'),
      ],
    });
  });

  it('TestScaleDown, stabilized: a recommendation of 5 in the last 5 minutes holds 5 pods at 5', () => {
    const history = { ...emptyHpaHistory(), recommendations: [{ replicas: 5, at: NOW.getTime() - 60_000 }] };
    const plan = planRescale(observe({ hpa: hpa({ metrics: [cpu(50)] }), levels: [100, 300, 500, 250, 250], history }));
    expect(plan.rescale).toBeUndefined();
    expect(plan.status?.conditions).toContainEqual(condition('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation'));
    expect(plan.history.recommendations.map((r) => r.replicas)).toEqual([5, 3]);
    expect(plan.status?.desiredReplicas).toBe(5);
  });

  it('TestScaleDown: without recent recommendations 5 pods at 28% of a 50% target go to 3, "All metrics below target"', () => {
    const plan = planRescale(observe({ hpa: hpa({ metrics: [cpu(50)] }), levels: [100, 300, 500, 250, 250], history: { ...emptyHpaHistory(), recommendations: [{ replicas: 5, at: 0 }] } }));
    expect(plan.rescale).toMatchObject({ replicas: 3, reason: 'All metrics below target' });
  });

  it('within the tolerance: no rescale, AbleToScale ReadyForNewScale, the status written once', () => {
    const plan = planRescale(observe({ hpa: hpa({ metrics: [cpu(50)] }), levels: [520, 480, 500] }));
    expect(plan.rescale).toBeUndefined();
    expect(plan.status).toEqual({
      currentReplicas: 3, desiredReplicas: 3,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '1' } } }],
      conditions: [
        condition('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size'),
        condition('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)'),
        condition('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range'),
      ],
    });
    const again = planRescale({ ...observe({ hpa: hpa({ metrics: [cpu(50)] }, plan.status), levels: [520, 480, 500] }), clock: { now: new Date(NOW.getTime() + 15_000), timeScale: 1 } });
    expect(again.status).toBeUndefined();
  });

  it('TestScaleUpContainer: a ContainerResource metric reads one container', () => {
    const metrics = [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'container2', target: { type: 'Utilization', averageUtilization: 30 } } }];
    const o = observe({ hpa: hpa({ metrics }), levels: [1, 1, 1], listing: { items: podMetricsItems([[1000, 300], [1000, 500], [1000, 700]]) } });
    const plan = planRescale(o);
    expect(plan.rescale).toMatchObject({ replicas: 5, reason: 'cpu container resource utilization (percentage of request) above target' });
    expect(settleRescale(plan, { ok: true }, clock).status?.currentMetrics).toEqual([
      { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'container2', current: { averageUtilization: 50, averageValue: '500m' } } },
    ]);
  });

  it('an average-value target: memory per pod against 100Mi', () => {
    const metrics = [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }];
    const listing = { items: [0, 1].map((i) => ({ metadata: { name: `test-pod-${i}`, namespace: 'test-namespace' }, timestamp: nowText, window: '30s', containers: [{ name: 'c', usage: { memory: '150Mi' } }] })) };
    const plan = planRescale(observe({ hpa: hpa({ metrics }), levels: [1, 1], listing }));
    expect(plan.rescale).toMatchObject({ replicas: 3, reason: 'memory resource above target' });
    const settled = settleRescale(plan, { ok: true }, clock);
    expect(settled.status?.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '157286400' } } }]);
    expect(JSON.parse(settled.events[0].annotations![rescaleDecisionAnnotation]).metrics).toEqual([{ metric: 'memory', current: '157286400', target: '100Mi', utilization: false, replicas: 3 }]);
  });

  it('the metrics API not served: ScalingActive False FailedGetResourceMetric, with the events kubectl describe shows', () => {
    const plan = planRescale(observe({ levels: [300, 500, 700], listing: { error: noMetricsApi } }));
    const inner = `failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: ${noMetricsApi}`;
    expect(plan.rescale).toBeUndefined();
    expect(plan.events).toEqual([
      { eventType: 'Warning', reason: 'FailedGetResourceMetric', message: inner },
      { eventType: 'Warning', reason: 'FailedComputeMetricsReplicas', message: `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${inner}` },
    ]);
    expect(plan.status).toEqual({
      currentReplicas: 3, desiredReplicas: 0, currentMetrics: [{ type: '' }],
      conditions: [gotScale, condition('ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${inner}`)],
    });
  });

  it('TestScaleUpOneMetricInvalid / TestNoScaleDownOneMetricInvalid: a failing metric blocks a scale-down, not a scale-up', () => {
    const pods = { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } };
    const up = planRescale(observe({ hpa: hpa({ metrics: [cpu(30), pods] }), levels: [300, 500, 700] }));
    expect(up.rescale?.replicas).toBe(5);
    expect(up.events).toEqual([{ eventType: 'Warning', reason: 'FailedGetPodsMetric', message: 'unable to get metric qps: unable to fetch metrics from custom metrics API: no known available metric versions found' }]);
    expect(settleRescale(up, { ok: true }, clock).status?.currentMetrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '1' } } }, { type: '' },
    ]);
    const down = planRescale(observe({ hpa: hpa({ metrics: [cpu(50), pods] }), levels: [100, 300, 500, 250, 250] }));
    expect(down.rescale).toBeUndefined();
    expect(down.status?.conditions?.[1]).toMatchObject({ type: 'ScalingActive', status: 'False', reason: 'FailedGetPodsMetric' });
    expect(down.events.map((e) => e.reason)).toEqual(['FailedGetPodsMetric', 'FailedComputeMetricsReplicas']);
  });

  it.each([
    {
      name: 'an Object metric by value',
      metric: { type: 'Object', object: { metric: { name: 'qps' }, describedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, target: { type: 'Value', value: '10' } } },
      reason: 'FailedGetObjectMetric', message: 'unable to get metric qps: Deployment on test-namespace web/unable to fetch metrics from custom metrics API: no known available metric versions found',
    },
    {
      name: 'an External metric by average value',
      metric: { type: 'External', external: { metric: { name: 'queue', selector: { matchLabels: { queue: 'worker_tasks' } } }, target: { type: 'AverageValue', averageValue: '30' } } },
      reason: 'FailedGetExternalMetric',
      message: 'unable to get external metric test-namespace/queue/&LabelSelector{MatchLabels:map[string]string{queue: worker_tasks,},MatchExpressions:[]LabelSelectorRequirement{},}: unable to fetch metrics from external metrics API: the server could not find the requested resource (get queue.external.metrics.k8s.io)',
    },
    { name: 'an unknown metric type', metric: { type: 'CheddarCheese' }, reason: 'InvalidMetricSourceType', message: 'unknown metric source type "CheddarCheese"' },
  ])('$name fails as its metrics client would in a cluster without that API', ({ metric, reason, message }) => {
    const plan = planRescale(observe({ hpa: hpa({ metrics: [metric] }), levels: [300, 500, 700] }));
    expect(plan.events[0]).toEqual({ eventType: 'Warning', reason, message });
    expect(plan.status?.conditions?.[1]).toEqual(condition('ScalingActive', 'False', reason, `the HPA was unable to compute the replica count: ${message}`));
  });

  it.each([
    { name: 'TestTooFewReplicas', min: 3, replicas: 2, desired: 3, reason: 'Current number of replicas below Spec.MinReplicas' },
    { name: 'TestTooManyReplicas', min: 3, replicas: 10, desired: 5, reason: 'Current number of replicas above Spec.MaxReplicas' },
  ])('$name: back into range without reading metrics', ({ min, replicas, desired, reason }) => {
    const o = observe({ hpa: hpa({ minReplicas: min, maxReplicas: 5 }), scale: { specReplicas: replicas, statusReplicas: replicas, selector: 'name=test-pod' }, listing: { error: noMetricsApi } });
    expect(needsResourceMetrics(o.hpa, o.scale as TargetScale)).toBe(false);
    const plan = planRescale(o);
    expect(plan.rescale).toMatchObject({ replicas: desired, reason });
    const settled = settleRescale(plan, { ok: true }, clock);
    expect(settled.events[0]).toMatchObject({ eventType: 'Normal', reason: 'SuccessfulRescale', message: `New size: ${desired}; reason: ${reason}` });
    expect(settled.status).toEqual({ currentReplicas: replicas, desiredReplicas: desired, lastScaleTime: nowText, conditions: [condition('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`)] });
  });

  it('TestZeroReplicas: a target at 0 with minReplicas above 0 is left alone, ScalingDisabled', () => {
    const plan = planRescale(observe({ hpa: hpa({ minReplicas: 3, maxReplicas: 5 }), scale: { specReplicas: 0, statusReplicas: 0, selector: 'name=test-pod' } }));
    expect(plan.rescale).toBeUndefined();
    expect(plan.status).toEqual({ desiredReplicas: 0, conditions: [gotScale, condition('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero')] });
  });

  it('FailedGetScale: the event and AbleToScale False, the rest of the status untouched', () => {
    const plan = planRescale(observe({ hpa: hpa({}, { currentReplicas: 3, desiredReplicas: 4 }), scale: { error: 'deployments.apps "test-deployment" not found' } }));
    expect(plan.events).toEqual([{ eventType: 'Warning', reason: 'FailedGetScale', message: 'deployments.apps "test-deployment" not found' }]);
    expect(plan.status).toEqual({
      currentReplicas: 3, desiredReplicas: 4,
      conditions: [condition('AbleToScale', 'False', 'FailedGetScale', 'the HPA controller was unable to get the target\'s current scale: deployments.apps "test-deployment" not found')],
    });
  });

  it('FailedRescale: the api-server refused the scale, AbleToScale False FailedUpdateScale, desiredReplicas as it was', () => {
    const plan = planRescale(observe({ hpa: hpa({}, { desiredReplicas: 3 }), levels: [300, 500, 700] }));
    const settled = settleRescale(plan, { error: 'Operation cannot be fulfilled' }, clock);
    expect(settled.events[0]).toMatchObject({ eventType: 'Warning', reason: 'FailedRescale', message: 'New size: 5; reason: cpu resource utilization (percentage of request) above target; error: Operation cannot be fulfilled' });
    expect(settled.status).toMatchObject({ currentReplicas: 3, desiredReplicas: 3, conditions: [condition('AbleToScale', 'False', 'FailedUpdateScale', 'the HPA controller was unable to update the target scale: Operation cannot be fulfilled'), expect.anything(), expect.anything()] });
    expect(settled.status?.lastScaleTime).toBeUndefined();
  });

  it.each([
    { name: 'no selector', selector: '', event: ['SelectorRequired', 'selector is required'], condition: ['InvalidSelector', "the HPA target's scale is missing a selector"] },
    {
      name: 'an unparseable selector', selector: 'name in (a', event: ['InvalidSelector', expect.stringMatching(/^couldn't convert selector into a corresponding internal selector object: /)],
      condition: ['InvalidSelector', expect.stringMatching(/^couldn't convert selector into a corresponding internal selector object: /)],
    },
  ])('TestEmptySelector/TestInvalidSelector: $name', ({ selector, event, condition: [reason, message] }) => {
    const plan = planRescale(observe({ levels: [300, 500, 700], scale: { specReplicas: 3, statusReplicas: 3, selector } }));
    expect(plan.events.map((e) => [e.reason, e.message])).toEqual([event, ['FailedComputeMetricsReplicas', event[1]]]);
    expect(plan.status?.conditions?.[1]).toMatchObject({ type: 'ScalingActive', status: 'False', reason, message });
    expect(plan.selector).toBeUndefined();
  });

  it('TestMultipleHPAs / AmbiguousSelector: pods another HPA of the namespace also selects', () => {
    const selectors = new Map([['test-namespace/other', 'name=test-pod'], ['elsewhere/third', 'name=test-pod']]);
    const plan = planRescale(observe({ levels: [300, 500, 700], selectors }));
    const message = 'pods by selector name=test-pod are controlled by multiple HPAs: [test-namespace/other test-namespace/test-hpa]';
    expect(plan.events[0]).toEqual({ eventType: 'Warning', reason: 'AmbiguousSelector', message });
    expect(plan.status?.conditions?.[1]).toEqual(condition('ScalingActive', 'False', 'AmbiguousSelector', message));
    expect(plan.selector).toBe('name=test-pod');
  });

  it('with a behavior: the scale-up policy limits, ScalingLimited True ScaleUpLimit, and the rescale is remembered', () => {
    const behavior = { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }, scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } };
    const plan = planRescale(observe({ hpa: hpa({ behavior }), levels: [300, 500, 700] }));
    expect(plan.rescale?.replicas).toBe(4);
    const settled = settleRescale(plan, { ok: true }, clock);
    expect(settled.status?.conditions?.[2]).toEqual(condition('ScalingLimited', 'True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'));
    expect(JSON.parse(settled.events[0].annotations![rescaleDecisionAnnotation]).limited).toEqual({ reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
    expect(settled.history.scaleUpEvents).toEqual([{ change: 1, at: NOW.getTime(), outdated: false }]);
    const next = planRescale({ ...observe({ hpa: hpa({ behavior }, settled.status), levels: [300, 500, 700, 400] }), history: settled.history });
    expect(next.rescale).toBeUndefined();
  });

  it('without a behavior no rescale is remembered, and the first recommendation is the current count', () => {
    const plan = planRescale(observe({ levels: [300, 500, 700] }));
    expect(plan.history.recommendations).toEqual([{ replicas: 3, at: NOW.getTime() }, { replicas: 5, at: NOW.getTime() }]);
    expect(settleRescale(plan, { ok: true }, clock).history.scaleUpEvents).toEqual([]);
  });
});
