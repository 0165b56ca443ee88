import { describe, expect, it } from 'vitest';
import { histogramIncrease, parseHistogram, parseScalar, type HistogramSeries } from './exposition.js';

const name = 'apiserver_request_duration_seconds';

/** A scrape as kube-apiserver answers one: other metrics around, HELP and TYPE lines, labels sorted with le last. */
const scrape = `# HELP kubelab_audit_refusals_not_recorded_total Refused requests.
# TYPE kubelab_audit_refusals_not_recorded_total counter
kubelab_audit_refusals_not_recorded_total{code="401",reason="Unauthorized",cause="Unauthenticated"} 3
# HELP ${name} Response latency distribution in seconds.
# TYPE ${name} histogram
${name}_bucket{component="apiserver",dry_run="",group="",resource="pods",scope="resource",subresource="",verb="POST",version="v1",le="0.005"} 1
${name}_bucket{component="apiserver",dry_run="",group="",resource="pods",scope="resource",subresource="",verb="POST",version="v1",le="0.025"} 3
${name}_bucket{component="apiserver",dry_run="",group="",resource="pods",scope="resource",subresource="",verb="POST",version="v1",le="+Inf"} 4
${name}_sum{component="apiserver",dry_run="",group="",resource="pods",scope="resource",subresource="",verb="POST",version="v1"} 0.5
${name}_count{component="apiserver",dry_run="",group="",resource="pods",scope="resource",subresource="",verb="POST",version="v1"} 4
${name}_bucket{component="apiserver",dry_run="",group="apps",resource="deployments",scope="namespace",subresource="",verb="LIST",version="v1",le="0.005"} 2
${name}_bucket{component="apiserver",dry_run="",group="apps",resource="deployments",scope="namespace",subresource="",verb="LIST",version="v1",le="+Inf"} 2
${name}_sum{component="apiserver",dry_run="",group="apps",resource="deployments",scope="namespace",subresource="",verb="LIST",version="v1"} 0.004
${name}_count{component="apiserver",dry_run="",group="apps",resource="deployments",scope="namespace",subresource="",verb="LIST",version="v1"} 2
${name}_other_total 7
# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
# TYPE process_start_time_seconds gauge
process_start_time_seconds 1.7347e+09
`;

describe('parseHistogram', () => {
  it('reads each series of the histogram, its labels without le, its cumulative buckets, sum and count; nothing else', () => {
    const series = parseHistogram(scrape, name);
    expect(series).toEqual([
      {
        labels: { component: 'apiserver', dry_run: '', group: '', resource: 'pods', scope: 'resource', subresource: '', verb: 'POST', version: 'v1' },
        buckets: [{ le: 0.005, count: 1 }, { le: 0.025, count: 3 }, { le: Infinity, count: 4 }],
        sum: 0.5,
        count: 4,
      },
      {
        labels: { component: 'apiserver', dry_run: '', group: 'apps', resource: 'deployments', scope: 'namespace', subresource: '', verb: 'LIST', version: 'v1' },
        buckets: [{ le: 0.005, count: 2 }, { le: Infinity, count: 2 }],
        sum: 0.004,
        count: 2,
      },
    ]);
    expect(parseHistogram(scrape, 'no_such_histogram')).toEqual([]);
  });

  it.each([
    ['labels in any order, blanks around them, a trailing comma', `${name}_bucket{ le = "1" , verb="GET", } 5`, { verb: 'GET' }, [{ le: 1, count: 5 }]],
    ['escaped quotes, backslashes and newlines in a value', `${name}_bucket{resource="a\\"b\\\\c\\nd",le="0.1"} 2`, { resource: 'a"b\\c\nd' }, [{ le: 0.1, count: 2 }]],
    ['a } and a , inside a quoted value', `${name}_bucket{resource="x},y",le="2"} 1`, { resource: 'x},y' }, [{ le: 2, count: 1 }]],
    ['exponents, +Inf spelled Inf, and a timestamp after the value', `${name}_bucket{le="5e-3"} 1.5e1 1700000000000\n${name}_bucket{le="Inf"} 16`, {}, [{ le: 0.005, count: 15 }, { le: Infinity, count: 16 }]],
    ['buckets given out of order', `${name}_bucket{le="+Inf"} 3\n${name}_bucket{le="0.5"} 1\n${name}_bucket{le="0.1"} 0`, {}, [{ le: 0.1, count: 0 }, { le: 0.5, count: 1 }, { le: Infinity, count: 3 }]],
    ['a series without labels', `${name}_bucket{le="+Inf"} 0\n${name}_sum 0\n${name}_count 0`, {}, [{ le: Infinity, count: 0 }]],
  ])('reads %s', (_, text, labels, buckets) => {
    expect(parseHistogram(text, name)).toEqual([{ labels, buckets, sum: 0, count: 0 }]);
  });

  it('keeps one series per set of label values, however the labels are ordered', () => {
    const text = `${name}_bucket{verb="GET",scope="resource",le="+Inf"} 1\n${name}_bucket{scope="resource",verb="GET",le="1"} 1\n${name}_count{scope="resource",verb="GET"} 1`;
    expect(parseHistogram(text, name)).toEqual([{ labels: { verb: 'GET', scope: 'resource' }, buckets: [{ le: 1, count: 1 }, { le: Infinity, count: 1 }], sum: 0, count: 1 }]);
  });

  it.each([
    ['a label set that does not close', `${name}_bucket{le="1" 3`, /line 1 of the exposition: labels that do not parse/],
    ['an unquoted label value', `${name}_bucket{le=1} 3`, /labels that do not parse/],
    ['no value', `${name}_count{verb="GET"}`, /no value/],
    ['a value that is no number', `# a comment\n${name}_sum{verb="GET"} fast`, /line 2 of the exposition: no value/],
    ['a bucket without le', `${name}_bucket{verb="GET"} 3`, /a bucket without le/],
    ['an le that is no number', `${name}_bucket{le="soon"} 3`, /a bucket without le/],
  ])('refuses %s, naming the line', (_, text, message) => {
    expect(() => parseHistogram(text, name)).toThrow(message);
  });
});

describe('histogramIncrease', () => {
  const series = (verb: string, counts: [number, number, number], sum: number): HistogramSeries => ({
    labels: { verb, resource: 'pods' },
    buckets: [{ le: 0.005, count: counts[0] }, { le: 0.025, count: counts[1] }, { le: Infinity, count: counts[2] }],
    sum, count: counts[2],
  });

  it('gives what each series observed between the two scrapes, bucket by bucket', () => {
    const before = [series('POST', [1, 3, 4], 0.5), series('GET', [2, 2, 2], 0.004)];
    const after = [series('POST', [5, 9, 12], 1.25), series('GET', [2, 2, 2], 0.004), series('LIST', [0, 1, 1], 0.01)];
    expect(histogramIncrease(after, before)).toEqual([
      // POST: 8 more, 4 of them under 5 ms; GET saw nothing since and is left out; LIST is new, counted from zero.
      { labels: { verb: 'POST', resource: 'pods' }, buckets: [{ le: 0.005, count: 4 }, { le: 0.025, count: 6 }, { le: Infinity, count: 8 }], sum: 0.75, count: 8 },
      series('LIST', [0, 1, 1], 0.01),
    ]);
  });

  it('counts a series from zero when its count went down (its api-server restarted between the scrapes)', () => {
    expect(histogramIncrease([series('POST', [1, 1, 2], 0.3)], [series('POST', [5, 9, 12], 1.25)])).toEqual([series('POST', [1, 1, 2], 0.3)]);
  });
});

describe('parseScalar', () => {
  it.each([
    ['process_start_time_seconds', 1.7347e9],
    ['kubelab_audit_refusals_not_recorded_total', undefined],
    ['missing', undefined],
  ])('%s → %s', (metric, value) => {
    expect(parseScalar(scrape, metric)).toBe(value);
  });
});
