/**
 * A quantile estimated from a histogram's cumulative buckets as PromQL's histogram_quantile does
 * (prometheus/promql/quantile.go): the bucket the q-th observation falls in, and a linear
 * interpolation inside it, from 0 for the lowest bucket; the upper bound of the last finite bucket
 * when it falls in +Inf. This is how clusterloader2 reads APIResponsiveness off the api-server's
 * apiserver_request_duration_seconds.
 */
import type { HistogramBucket } from './exposition.js';
import type { Percentiles } from './slo.js';

/**
 * The q-quantile (0 ≤ q ≤ 1) of cumulative `buckets`, in their unit. As Prometheus: NaN when q is NaN, with no observations,
 * with fewer than two buckets, or when the highest is not +Inf; -Inf below q 0 and +Inf above 1. Buckets of one bound are
 * added together and a count below the one before it is raised to it (a scrape racing an observation), as Prometheus does.
 */
export function bucketQuantile(q: number, buckets: readonly HistogramBucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length === 0 || sorted[sorted.length - 1].le !== Infinity) return NaN;
  const merged: HistogramBucket[] = [];
  for (const b of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.le === b.le) last.count += b.count;
    else merged.push({ ...b });
  }
  for (let i = 1; i < merged.length; i++) merged[i].count = Math.max(merged[i].count, merged[i - 1].count);
  if (merged.length < 2) return NaN;
  const observations = merged[merged.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // The first bucket holding the rank-th observation, among all but +Inf.
  let b = merged.findIndex((bucket, i) => i < merged.length - 1 && bucket.count >= rank);
  if (b < 0) b = merged.length - 1;
  if (b === merged.length - 1) return merged[merged.length - 2].le;
  if (b === 0 && merged[0].le <= 0) return merged[0].le;
  let start = 0;
  let count = merged[b].count;
  if (b > 0) {
    start = merged[b - 1].le;
    count -= merged[b - 1].count;
    rank -= merged[b - 1].count;
  }
  return start + (merged[b].le - start) * (rank / count);
}

/** p50, p90 and p99 of a histogram in seconds, as milliseconds, with its count of observations; undefined with none. */
export function histogramPercentiles(buckets: readonly HistogramBucket[]): Percentiles | undefined {
  const count = buckets.reduce((most, b) => Math.max(most, b.count), 0);
  if (count === 0) return undefined;
  const ms = (q: number) => bucketQuantile(q, buckets) * 1000;
  return { count, p50: ms(0.5), p90: ms(0.9), p99: ms(0.99) };
}
