import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import type { ScaleEvent } from './hpa-history.js';
import { NOW } from './hpa-fixtures.testing.js';
import { limitWithBehavior, limitWithoutBehavior } from './replica-limits.js';

const clock = { now: NOW, timeScale: 1 };

/** generateScalingRules of horizontal_test.go: a Pods and/or a Percent policy, selectPolicy Max. */
function rules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, stabilization: number): HPAScalingRules {
  const policies = [
    ...(pods ? [{ type: 'Pods', value: pods, periodSeconds: podsPeriod }] : []),
    ...(percent ? [{ type: 'Percent', value: percent, periodSeconds: percentPeriod }] : []),
  ];
  return { stabilizationWindowSeconds: stabilization, selectPolicy: 'Max', policies };
}
const defaultUp: HPAScalingRules = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const defaultDown: HPAScalingRules = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

/** generateEventsUniformDistribution: the events spread over the last `periodSeconds`, each in the middle of its share. */
function spread(changes: number[], periodSeconds: number): ScaleEvent[] {
  const segment = periodSeconds / changes.length;
  return changes.map((change, i) => ({ change, at: NOW.getTime() - Math.trunc(periodSeconds - segment * (i + 1) + segment / 2) * 1000, outdated: false }));
}

interface RulesCase {
  name: string;
  up?: ScaleEvent[];
  down?: ScaleEvent[];
  min: number;
  max: number;
  scaleUp?: HPAScalingRules;
  scaleDown?: HPAScalingRules;
  current: number;
  desired: number;
  expected: number;
  reason: string;
}

// TestScalingWithRules of horizontal_test.go (convertDesiredReplicasWithBehaviorRate).
const ruleCases: RulesCase[] = [
  { name: 'prenormalized desired replicas within range', current: 5, desired: 7, min: 3, max: 8, expected: 7, reason: 'DesiredWithinRange' },
  { name: 'prenormalized desired replicas < minReplicas', current: 3, desired: 1, min: 2, max: 8, expected: 2, reason: 'TooFewReplicas' },
  { name: 'prenormalized desired replicas within range when minReplicas is 0', current: 1, desired: 0, min: 0, max: 10, expected: 0, reason: 'DesiredWithinRange' },
  { name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit', current: 20, desired: 1000, min: 1, max: 10, expected: 10, reason: 'TooManyReplicas' },
  { name: 'desired replica count is more than the maximum replica count', current: 100, desired: 1000, min: 100, max: 150, expected: 150, reason: 'TooManyReplicas' },
  { name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies', current: 3, desired: 1000, min: 1, max: 2000, scaleUp: rules(0, 0, 1, 60, 0), expected: 4, reason: 'ScaleUpLimit' },
  { name: 'scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies', current: 1000, desired: 3, min: 3, max: 2000, scaleDown: rules(20, 60, 0, 0, 0), expected: 980, reason: 'ScaleDownLimit' },
  { name: 'scaleUp with default behavior', min: 1, max: 1000, current: 10, desired: 50, expected: 20, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with pods policy larger than percent policy', min: 1, max: 1000, scaleUp: rules(100, 60, 100, 60, 0), current: 10, desired: 500, expected: 110, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with percent policy larger than pods policy', min: 1, max: 1000, scaleUp: rules(2, 60, 100, 60, 0), current: 10, desired: 500, expected: 20, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with spec MaxReplicas limitation with large pod policy', min: 1, max: 1000, scaleUp: rules(100, 60, 0, 0, 0), current: 10, desired: 50, expected: 50, reason: 'DesiredWithinRange' },
  { name: 'scaleUp with spec MaxReplicas limitation with large percent policy', min: 1, max: 1000, scaleUp: rules(10000, 60, 0, 0, 0), current: 10, desired: 50, expected: 50, reason: 'DesiredWithinRange' },
  { name: 'scaleUp with pod policy limitation', min: 1, max: 1000, scaleUp: rules(30, 60, 0, 0, 0), current: 10, desired: 50, expected: 40, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with percent policy limitation', min: 1, max: 1000, scaleUp: rules(0, 0, 200, 60, 0), current: 10, desired: 50, expected: 30, reason: 'ScaleUpLimit' },
  { name: 'scaleDown with percent policy larger than pod policy', min: 1, max: 1000, scaleDown: rules(20, 60, 1, 60, 300), current: 100, desired: 2, expected: 80, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with pod policy larger than percent policy', min: 1, max: 1000, scaleDown: rules(2, 60, 1, 60, 300), current: 100, desired: 2, expected: 98, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy', min: 1, max: 1000, scaleDown: rules(100, 60, 0, 0, 300), current: 10, desired: 0, expected: 1, reason: 'TooFewReplicas' },
  { name: 'scaleDown with spec MinReplicas limitation with large percent policy', min: 5, max: 1000, scaleDown: rules(0, 0, 100, 60, 300), current: 10, desired: 2, expected: 5, reason: 'TooFewReplicas' },
  { name: 'scaleDown with pod policy limitation', min: 1, max: 1000, scaleDown: rules(5, 60, 0, 0, 300), current: 10, desired: 2, expected: 5, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with percent policy limitation', min: 1, max: 1000, scaleDown: rules(0, 0, 50, 60, 300), current: 10, desired: 5, expected: 5, reason: 'DesiredWithinRange' },
  { name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events', up: spread([1, 5, 9], 120), min: 1, max: 200, scaleUp: rules(300, 60, 0, 0, 0), current: 100, desired: 500, expected: 200, reason: 'TooManyReplicas' },
  { name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events', up: spread([1, 5, 9], 120), min: 1, max: 200, scaleUp: rules(0, 0, 10000, 60, 0), current: 100, desired: 500, expected: 200, reason: 'TooManyReplicas' },
  {
    name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events', up: spread([1, 5, 9], 120), min: 1, max: 1000,
    scaleUp: rules(5, 120, 0, 0, 0), current: 100, desired: 500, expected: 100, reason: 'ScaleUpLimit',
  },
  { name: 'scaleUp with pod policy and previous scale up events', up: spread([1, 5, 9], 120), min: 1, max: 1000, scaleUp: rules(150, 120, 0, 0, 0), current: 100, desired: 500, expected: 235, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with percent policy and previous scale up events', up: spread([1, 5, 9], 120), min: 1, max: 1000, scaleUp: rules(0, 0, 200, 120, 0), current: 100, desired: 500, expected: 255, reason: 'ScaleUpLimit' },
  {
    name: 'scaleUp with percent policy and previous scale up and down events', up: spread([4], 120), down: spread([2], 120), min: 1, max: 1000,
    scaleUp: rules(0, 0, 300, 300, 0), current: 6, desired: 24, expected: 16, reason: 'ScaleUpLimit',
  },
  { name: 'scaleDown with default policy and previous events', down: spread([1, 5, 9], 120), min: 1, max: 1000, current: 10, desired: 5, expected: 5, reason: 'DesiredWithinRange' },
  {
    name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events', down: spread([1, 5, 9], 120), min: 1, max: 1000,
    scaleDown: rules(115, 120, 0, 0, 300), current: 100, desired: 0, expected: 1, reason: 'TooFewReplicas',
  },
  {
    name: 'scaleDown with spec MinReplicas limitation with large pod policy and previous events', down: spread([1, 5, 9], 120), min: 5, max: 1000,
    scaleDown: rules(130, 120, 0, 0, 300), current: 100, desired: 0, expected: 5, reason: 'TooFewReplicas',
  },
  {
    name: 'scaleDown with spec MinReplicas limitation with large percent policy and previous events', down: spread([1, 5, 9], 120), min: 5, max: 1000,
    scaleDown: rules(0, 0, 100, 120, 300), current: 100, desired: 2, expected: 5, reason: 'TooFewReplicas',
  },
  { name: 'scaleDown with pod policy limitation and previous events', down: spread([1, 5, 9], 120), min: 1, max: 1000, scaleDown: rules(5, 120, 0, 0, 300), current: 100, desired: 2, expected: 100, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with percent policy limitation and previous events', down: spread([2, 4, 6], 120), min: 1, max: 1000, scaleDown: rules(0, 0, 50, 120, 300), current: 100, desired: 0, expected: 56, reason: 'ScaleDownLimit' },
  {
    name: 'scaleDown with percent policy and previous scale up and down events', up: spread([2], 120), down: spread([4], 120), min: 1, max: 1000,
    scaleDown: rules(0, 0, 50, 180, 0), current: 10, desired: 1, expected: 6, reason: 'ScaleDownLimit',
  },
  { name: 'scaleDown with previous events preventing further scale down', down: spread([10, 10, 10], 120), min: 1, max: 1000, scaleDown: rules(0, 0, 10, 120, 300), current: 100, desired: 0, expected: 100, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with with previous events still allowing more scale down', down: spread([10, 10, 10], 120), min: 1, max: 1000, scaleDown: rules(0, 0, 1000, 120, 300), current: 10, desired: 5, expected: 5, reason: 'DesiredWithinRange' },
  { name: "check 'outdated' flag for events for one behavior for up", up: spread([8, 12, 9, 11], 120), min: 1, max: 1000, scaleUp: rules(1000, 60, 0, 0, 0), current: 100, desired: 200, expected: 200, reason: 'DesiredWithinRange' },
  {
    name: "check that events were not marked 'outdated' for two different policies in the behavior for up", up: spread([8, 12, 9, 11], 120), min: 1, max: 1000,
    scaleUp: rules(1000, 120, 100, 60, 0), current: 100, desired: 200, expected: 200, reason: 'DesiredWithinRange',
  },
  {
    name: "check that events were marked 'outdated' for two different policies in the behavior for up", up: spread([8, 12, 9, 11], 120), min: 1, max: 1000,
    scaleUp: rules(1000, 30, 100, 60, 0), current: 100, desired: 200, expected: 200, reason: 'DesiredWithinRange',
  },
  { name: "check 'outdated' flag for events for one behavior for down", down: spread([8, 12, 9, 11], 120), min: 1, max: 1000, scaleDown: rules(1000, 60, 0, 0, 300), current: 100, desired: 5, expected: 5, reason: 'DesiredWithinRange' },
  {
    name: "check that events were not marked 'outdated' for two different policies in the behavior for down", down: spread([8, 12, 9, 11], 120), min: 1, max: 1000,
    scaleDown: rules(1000, 120, 100, 60, 300), current: 100, desired: 5, expected: 5, reason: 'DesiredWithinRange',
  },
  {
    name: "check that events were marked 'outdated' for two different policies in the behavior for down", down: spread([8, 12, 9, 11], 120), min: 1, max: 1000,
    scaleDown: rules(1000, 30, 100, 60, 300), current: 100, desired: 5, expected: 5, reason: 'DesiredWithinRange',
  },
];

describe('limitWithBehavior (convertDesiredReplicasWithBehaviorRate)', () => {
  it.each(ruleCases)('$name', (c) => {
    const rate = { scaleUp: c.scaleUp ?? defaultUp, scaleDown: c.scaleDown ?? defaultDown, scaleUpEvents: c.up ?? [], scaleDownEvents: c.down ?? [] };
    const limited = limitWithBehavior(c.current, c.desired, c.min, c.max, rate, clock);
    expect({ replicas: limited.replicas, reason: limited.reason }).toEqual({ replicas: c.expected, reason: c.reason });
  });

  it.each([
    // TestCalculateScaleUpLimitWithScalingRules / TestCalculateScaleDownLimitWithBehaviors: selectPolicy Min takes the smaller change.
    { name: 'scale up, Min of Pods 2 and Percent 50 from 5', towards: 'up', expected: 7 },
    { name: 'scale down, Min of Pods 2 and Percent 50 from 5', towards: 'down', expected: 3 },
  ])('$name', ({ towards, expected }) => {
    const min: HPAScalingRules = { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }] };
    const rate = { scaleUp: min, scaleDown: min, scaleUpEvents: [], scaleDownEvents: [] };
    expect(limitWithBehavior(5, towards === 'up' ? 100 : 0, 0, 1000, rate, clock).replicas).toBe(expected);
  });

  it('keeps the count with selectPolicy Disabled', () => {
    const disabled: HPAScalingRules = { selectPolicy: 'Disabled', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] };
    const rate = { scaleUp: disabled, scaleDown: disabled, scaleUpEvents: [], scaleDownEvents: [] };
    expect(limitWithBehavior(5, 10, 1, 20, rate, clock)).toEqual({ replicas: 5, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
    expect(limitWithBehavior(5, 1, 1, 20, rate, clock)).toEqual({ replicas: 5, reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' });
  });

  it('counts the events of a period on the lab clock: 120 s of Kubernetes time are 6 s at time scale 20', () => {
    const events = [{ change: 15, at: NOW.getTime() - 5_000, outdated: false }];
    const rate = { scaleUp: rules(5, 120, 0, 0, 0), scaleDown: defaultDown, scaleUpEvents: events, scaleDownEvents: [] };
    expect(limitWithBehavior(100, 500, 1, 1000, rate, { now: NOW, timeScale: 20 }).replicas).toBe(100);
    expect(limitWithBehavior(100, 500, 1, 1000, rate, { now: NOW, timeScale: 60 }).replicas).toBe(105);
  });
});

// TestConvertDesiredReplicasWithRules of horizontal_test.go.
describe('limitWithoutBehavior (convertDesiredReplicasWithRules)', () => {
  it.each([
    { name: 'within range', current: 5, desired: 7, min: 3, max: 8, expected: 7, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' },
    { name: 'below min', current: 3, desired: 1, min: 2, max: 8, expected: 2, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' },
    { name: 'min 0', current: 1, desired: 0, min: 0, max: 10, expected: 0, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' },
    { name: 'max below the scale-up limit', current: 20, desired: 1000, min: 1, max: 10, expected: 10, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' },
    { name: 'doubling limit', current: 3, desired: 1000, min: 1, max: 2000, expected: 6, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' },
    { name: 'at least 4', current: 1, desired: 10, min: 1, max: 10, expected: 4, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' },
  ])('$name', ({ current, desired, min, max, expected, reason, message }) => {
    expect(limitWithoutBehavior(current, desired, min, max)).toEqual({ replicas: expected, reason, message });
  });
});
