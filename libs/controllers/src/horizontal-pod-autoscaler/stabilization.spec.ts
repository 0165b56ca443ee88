import { describe, expect, it } from 'vitest';
import type { Recommendation } from './hpa-history.js';
import { NOW } from './hpa-fixtures.testing.js';
import { stabilizeRecommendation, stabilizeRecommendationWithBehaviors } from './stabilization.js';

const now = NOW.getTime();
const clock = { now: NOW, timeScale: 1 };
const rec = (replicas: number, minutesAgo: number): Recommendation => ({ replicas, at: now - minutesAgo * 60_000 });

// TestNormalizeDesiredReplicas of horizontal_test.go: the 5 min downscale window.
describe('stabilizeRecommendation', () => {
  it.each([
    { name: 'empty log', recommendations: [], desired: 5, expected: 5, logLength: 1 },
    { name: 'stabilize', recommendations: [rec(4, 2), rec(5, 1)], desired: 3, expected: 5, logLength: 3 },
    { name: 'no stabilize', recommendations: [rec(1, 2), rec(2, 1)], desired: 3, expected: 3, logLength: 3 },
    { name: 'no stabilize - old recommendations', recommendations: [rec(10, 10), rec(9, 9)], desired: 3, expected: 3, logLength: 2 },
    { name: 'stabilize - old recommendations', recommendations: [rec(10, 10), rec(4, 1), rec(5, 2), rec(9, 9)], desired: 3, expected: 5, logLength: 4 },
  ])('$name', ({ recommendations, desired, expected, logLength }) => {
    const stabilized = stabilizeRecommendation(recommendations, desired, 300, clock);
    expect(stabilized.replicas).toBe(expected);
    expect(stabilized.recommendations).toHaveLength(logLength);
    expect(stabilized.recommendations).toContainEqual({ replicas: desired, at: now });
  });

  it('measures the window on the lab clock: 5 min of Kubernetes time are 15 s at time scale 20', () => {
    const recent = [{ replicas: 8, at: now - 10_000 }];
    expect(stabilizeRecommendation(recent, 3, 300, { now: NOW, timeScale: 20 }).replicas).toBe(8);
    expect(stabilizeRecommendation([{ replicas: 8, at: now - 20_000 }], 3, 300, { now: NOW, timeScale: 20 }).replicas).toBe(3);
  });
});

// TestNormalizeDesiredReplicasWithBehavior of horizontal_test.go.
describe('stabilizeRecommendationWithBehaviors', () => {
  it.each([
    { name: 'empty recommendations for scaling down', recommendations: [], current: 100, desired: 5, expected: 5, stored: [5] },
    { name: 'simple scale down stabilization', recommendations: [rec(4, 2), rec(5, 1)], current: 100, desired: 3, expected: 5, stored: [4, 5, 3], down: 180 },
    { name: 'simple scale up stabilization', recommendations: [rec(4, 2), rec(5, 1)], current: 1, desired: 7, expected: 4, stored: [4, 5, 7], up: 300 },
    { name: 'no scale down stabilization', recommendations: [rec(1, 2), rec(2, 1)], current: 100, desired: 3, expected: 3, stored: [1, 2, 3], up: 300 },
    { name: 'no scale up stabilization', recommendations: [rec(4, 2), rec(5, 1)], current: 1, desired: 3, expected: 3, stored: [4, 5, 3], down: 300 },
    { name: 'no scale down stabilization, reuse recommendation element', recommendations: [rec(10, 10), rec(9, 9)], current: 100, desired: 3, expected: 3, stored: [10, 3] },
    { name: 'no scale up stabilization, reuse recommendation element', recommendations: [rec(10, 10), rec(9, 9)], current: 1, desired: 100, expected: 100, stored: [10, 100] },
    { name: 'scale down stabilization, reuse one of obsolete recommendation element', recommendations: [rec(10, 10), rec(4, 1), rec(5, 2), rec(9, 9)], current: 100, desired: 3, expected: 5, stored: [10, 4, 5, 3], down: 180 },
    { name: 'scale up stabilization, reuse one of obsolete recommendation element', recommendations: [rec(10, 100), rec(6, 1), rec(5, 2), rec(9, 3)], current: 1, desired: 100, expected: 5, stored: [100, 6, 5, 9], up: 300 },
    { name: 'scale up and down stabilization, do not scale up when prenormalized rec goes down', recommendations: [rec(2, 100), rec(3, 3)], current: 2, desired: 1, expected: 2, up: 300, down: 300 },
    { name: 'scale up and down stabilization, do not scale down when prenormalized rec goes up', recommendations: [rec(2, 100), rec(1, 3)], current: 2, desired: 3, expected: 2, up: 300, down: 300 },
  ])('$name', ({ recommendations, current, desired, expected, stored, up = 0, down = 0 }) => {
    const stabilized = stabilizeRecommendationWithBehaviors(recommendations, current, desired, { scaleUpSeconds: up, scaleDownSeconds: down }, clock);
    expect(stabilized.replicas).toBe(expected);
    if (stored) expect(stabilized.recommendations.map((r) => r.replicas)).toEqual(stored);
  });

  it('says which way it held the count back', () => {
    const down = stabilizeRecommendationWithBehaviors([rec(5, 1)], 6, 3, { scaleUpSeconds: 0, scaleDownSeconds: 300 }, clock);
    expect(down).toMatchObject({ replicas: 5, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
    const up = stabilizeRecommendationWithBehaviors([rec(2, 1)], 1, 7, { scaleUpSeconds: 300, scaleDownSeconds: 300 }, clock);
    expect(up).toMatchObject({ replicas: 2, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' });
  });
});
