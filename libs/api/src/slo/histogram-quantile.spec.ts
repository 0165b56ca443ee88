import { describe, expect, it } from 'vitest';
import type { HistogramBucket } from './exposition.js';
import { bucketQuantile, histogramPercentiles } from './histogram-quantile.js';

const buckets = (...pairs: [number, number][]): HistogramBucket[] => pairs.map(([le, count]) => ({ le, count }));

// 100 observations: 10 at most 0.1 s, 60 at most 0.5 s, 90 at most 1 s, the last 10 beyond 1 s.
const hundred = buckets([0.1, 10], [0.5, 60], [1, 90], [Infinity, 100]);

describe('bucketQuantile (PromQL histogram_quantile)', () => {
  it.each([
    ['inside the lowest bucket, from 0', 0.05, hundred, 0.05],
    ['at the lowest bucket\'s bound', 0.1, hundred, 0.1],
    ['between two bounds, linearly', 0.5, hundred, 0.1 + 0.4 * (40 / 50)],
    ['at a bound exactly', 0.9, hundred, 1],
    ['in +Inf: the highest finite bound', 0.99, hundred, 1],
    ['q 0: the lowest bucket\'s start', 0, hundred, 0],
    ['q 1 in +Inf', 1, hundred, 1],
    ['a bucket with nothing in it is skipped', 0.5, buckets([0.1, 0], [0.2, 0], [0.4, 4], [Infinity, 4]), 0.3],
    ['buckets given out of order', 0.5, buckets([Infinity, 4], [0.4, 4], [0.2, 0]), 0.3],
    ['a count below the one before it is raised to it', 0.5, buckets([0.1, 2], [0.2, 1], [Infinity, 4]), 0.1],
    ['two buckets of one bound are added up', 0.5, buckets([0.1, 1], [0.1, 1], [Infinity, 4]), 0.1],
    ['a lowest bound at or below 0 is returned as it is', 0.1, buckets([-1, 5], [1, 10], [Infinity, 10]), -1],
    ['kube-apiserver\'s buckets: 99 calls under 5 ms, one at 30 ms', 0.99, buckets([0.005, 99], [0.025, 99], [0.05, 100], [Infinity, 100]), 0.005],
  ])('%s', (_, q, b, expected) => {
    expect(bucketQuantile(q, b)).toBeCloseTo(expected, 12);
  });

  it.each([
    ['no observations', 0.5, buckets([1, 0], [Infinity, 0]), NaN],
    ['no +Inf bucket', 0.5, buckets([1, 3], [2, 4]), NaN],
    ['only the +Inf bucket', 0.5, buckets([Infinity, 3]), NaN],
    ['no buckets', 0.5, [], NaN],
    ['q NaN', NaN, hundred, NaN],
    ['q below 0', -0.1, hundred, -Infinity],
    ['q above 1', 1.1, hundred, Infinity],
  ])('gives what Prometheus gives for %s', (_, q, b, expected) => {
    expect(bucketQuantile(q, b)).toBe(expected);
  });

  it('does not change the buckets it is given', () => {
    const given = buckets([Infinity, 4], [0.2, 1], [0.1, 2]);
    bucketQuantile(0.5, given);
    expect(given).toEqual(buckets([Infinity, 4], [0.2, 1], [0.1, 2]));
  });
});

describe('histogramPercentiles', () => {
  it('gives p50, p90 and p99 in milliseconds of a histogram in seconds, with its count', () => {
    const p = histogramPercentiles(hundred)!;
    expect(p.count).toBe(100);
    expect(p.p50).toBeCloseTo(420, 9);
    expect(p.p90).toBeCloseTo(1000, 9);
    expect(p.p99).toBeCloseTo(1000, 9);
  });

  it('has none with no observations', () => {
    expect(histogramPercentiles(buckets([1, 0], [Infinity, 0]))).toBeUndefined();
    expect(histogramPercentiles([])).toBeUndefined();
  });
});
