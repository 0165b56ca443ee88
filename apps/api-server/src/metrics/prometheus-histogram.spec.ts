import { bucketQuantile, parseHistogram } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { Histogram } from './prometheus-histogram.js';

describe('Histogram', () => {
  it('writes HELP, TYPE and per series cumulative buckets up to +Inf, then sum and count; label names sorted, le last', () => {
    const h = new Histogram('t_seconds', 'Things timed.', ['verb', 'scope'], [0.1, 0.5, 1]);
    h.observe({ verb: 'POST', scope: 'resource' }, 0.05);
    h.observe({ verb: 'POST', scope: 'resource' }, 0.5);
    h.observe({ verb: 'POST', scope: 'resource' }, 2);
    h.observe({ verb: 'GET', scope: 'resource' }, 0.1);
    expect(h.text()).toBe([
      '# HELP t_seconds Things timed.',
      '# TYPE t_seconds histogram',
      't_seconds_bucket{scope="resource",verb="GET",le="0.1"} 1',
      't_seconds_bucket{scope="resource",verb="GET",le="0.5"} 1',
      't_seconds_bucket{scope="resource",verb="GET",le="1"} 1',
      't_seconds_bucket{scope="resource",verb="GET",le="+Inf"} 1',
      't_seconds_sum{scope="resource",verb="GET"} 0.1',
      't_seconds_count{scope="resource",verb="GET"} 1',
      't_seconds_bucket{scope="resource",verb="POST",le="0.1"} 1',
      't_seconds_bucket{scope="resource",verb="POST",le="0.5"} 2',
      't_seconds_bucket{scope="resource",verb="POST",le="1"} 2',
      't_seconds_bucket{scope="resource",verb="POST",le="+Inf"} 3',
      't_seconds_sum{scope="resource",verb="POST"} 2.55',
      't_seconds_count{scope="resource",verb="POST"} 3',
      '',
    ].join('\n'));
  });

  it.each([
    ['just under a bound', 0.0999, [1, 1, 1, 1]],
    ['on a bound: le means at most', 0.1, [1, 1, 1, 1]],
    ['just over a bound', 0.1001, [0, 1, 1, 1]],
    ['above every bound: only +Inf', 5, [0, 0, 0, 1]],
    ['zero', 0, [1, 1, 1, 1]],
  ])('counts a value %s in its bucket and every one above it', (_, value, counts) => {
    const h = new Histogram('t_seconds', 'h', [], [0.1, 0.5, 1]);
    h.observe({}, value);
    const [series] = parseHistogram(h.text(), 't_seconds');
    expect(series.buckets.map((b) => b.count)).toEqual(counts);
    expect(series).toMatchObject({ labels: {}, sum: value, count: 1 });
  });

  it('keeps every bucket at least the one below it, so histogram_quantile reads it as written', () => {
    const h = new Histogram('t_seconds', 'h', ['verb'], [0.005, 0.025, 0.05, 0.1]);
    for (let i = 0; i < 1000; i++) h.observe({ verb: 'GET' }, (i % 100) / 1000);
    const [series] = parseHistogram(h.text(), 't_seconds');
    for (let i = 1; i < series.buckets.length; i++) expect(series.buckets[i].count).toBeGreaterThanOrEqual(series.buckets[i - 1].count);
    expect(series.buckets.map((b) => [b.le, b.count])).toEqual([[0.005, 60], [0.025, 260], [0.05, 510], [0.1, 1000], [Infinity, 1000]]);
    expect(bucketQuantile(0.5, series.buckets)).toBeCloseTo(0.025 + 0.025 * (240 / 250), 12);
  });

  it('escapes label values and writes a histogram without labels or observations as HELP and TYPE alone', () => {
    const h = new Histogram('t_seconds', 'h', ['resource'], [1]);
    expect(h.text()).toBe('# HELP t_seconds h\n# TYPE t_seconds histogram\n');
    h.observe({ resource: 'a"b\\c' }, 0.5);
    expect(h.text()).toContain('t_seconds_bucket{resource="a\\"b\\\\c",le="1"} 1');
    expect(parseHistogram(h.text(), 't_seconds')[0].labels).toEqual({ resource: 'a"b\\c' });
  });

  it('refuses bounds that are not finite and increasing', () => {
    expect(() => new Histogram('t', 'h', [], [1, 1])).toThrow(/increasing/);
    expect(() => new Histogram('t', 'h', [], [1, Infinity])).toThrow(/finite/);
  });
});
