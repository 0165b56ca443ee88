import { describe, expect, it } from 'vitest';
import {
  apiResponsiveness, apiTable, apiVerdict, classify, durationText, judge, percentiles, podStartupLatency, podStartupTable, schedulingThroughput, textTable,
  throughputTable, throughputVerdict, verdictLines, type ApiCallSample,
} from './slo.js';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('percentiles', () => {
  it('takes the ⌈n·p⌉-th smallest sample, whatever the order given', () => {
    expect(percentiles(oneTo(100).reverse())).toEqual({ count: 100, p50: 50, p90: 90, p99: 99 });
    expect(percentiles(oneTo(10))).toEqual({ count: 10, p50: 5, p90: 9, p99: 10 });
    expect(percentiles([7, 3])).toEqual({ count: 2, p50: 3, p90: 7, p99: 7 });
  });

  it('gives every percentile of one sample as that sample, and none of no samples', () => {
    expect(percentiles([42])).toEqual({ count: 1, p50: 42, p90: 42, p99: 42 });
    expect(percentiles([])).toBeUndefined();
  });
});

describe('judge', () => {
  it('passes a p99 equal to the threshold and fails one just above it', () => {
    expect(judge({ count: 1, p50: 5000, p90: 5000, p99: 5000 }, 5000)).toBe('PASS');
    expect(judge({ count: 1, p50: 5000, p90: 5000, p99: 5000.001 }, 5000)).toBe('FAIL');
    expect(judge(undefined, 5000)).toBe('NO DATA');
    expect(judge({ count: 3, p50: NaN, p90: NaN, p99: NaN }, 5000)).toBe('NO DATA');
  });
});

describe('podStartupLatency', () => {
  it('measures each phase over the pods that reached its end', () => {
    const r = podStartupLatency([
      { created: 0, scheduled: 100, running: 1100 },
      { created: 0, scheduled: 300, running: 2300 },
      { created: 0, scheduled: 200 },
      { created: 0 },
    ]);
    expect(r.createToSchedule).toEqual({ count: 3, p50: 200, p90: 300, p99: 300 });
    expect(r.scheduleToRun).toEqual({ count: 2, p50: 1000, p90: 2000, p99: 2000 });
    expect(r.podStartup).toEqual({ count: 2, p50: 1100, p90: 2300, p99: 2300 });
    expect(r.verdict).toBe('PASS');
  });

  it('judges pod_startup_excluding_pull at 5 s: a pod at exactly 5 s passes, one a millisecond later fails', () => {
    expect(podStartupLatency([{ created: 1000, scheduled: 2000, running: 6000 }]).verdict).toBe('PASS');
    expect(podStartupLatency([{ created: 1000, scheduled: 2000, running: 6001 }]).verdict).toBe('FAIL');
  });

  it('leaves the time spent pulling images out of the SLO, not out of pod_startup', () => {
    const r = podStartupLatency([{ created: 0, scheduled: 100, running: 9000, pullMs: 7000 }, { created: 0, scheduled: 100, running: 1000 }]);
    expect(r.podStartup).toEqual({ count: 2, p50: 1000, p90: 9000, p99: 9000 });
    expect(r.podStartupExcludingPull).toEqual({ count: 2, p50: 1000, p90: 2000, p99: 2000 });
    expect(r.verdict).toBe('PASS');
    expect(podStartupTable(r)).toMatch(/^pod_startup +2 +1\.00 s +9\.00 s +9\.00 s *$/m);
    expect(podStartupTable(r)).toMatch(/^pod_startup_excluding_pull +2 +1\.00 s +2\.00 s +2\.00 s +p99 ≤ 5 s +PASS$/m);
    expect(verdictLines(r, [], undefined)).toMatch(/^PodStartupLatency +PASS +pod_startup_excluding_pull p99 2\.00 s \(SLO ≤ 5 s; with image pulls 9\.00 s\)$/m);
  });

  it('measures sent_to_run from when the client sent each create, and prints it, only when the timelines say so', () => {
    const r = podStartupLatency([{ created: 0, sent: 400, running: 1000 }, { created: 1000, sent: 1300, running: 1500 }, { created: 2000, running: 2500 }]);
    expect(r.sentToRun).toEqual({ count: 2, p50: 200, p90: 600, p99: 600 });
    expect(podStartupTable(r)).toMatch(/^sent_to_run +2 +200 ms +600 ms +600 ms *$/m);
    expect(podStartupLatency([{ created: 0, running: 1000 }]).sentToRun).toBeUndefined();
    expect(podStartupTable(podStartupLatency([{ created: 0, running: 1000 }]))).not.toContain('sent_to_run');
  });

  it('measures seen_to_run from when a watch first saw each pod, and prints it, only when the timelines say so', () => {
    const r = podStartupLatency([
      { created: 0, seen: 700, scheduled: 800, running: 1200 },
      { created: 0, seen: 900, scheduled: 950, running: 1000 },
    ]);
    expect(r.seenToRun).toEqual({ count: 2, p50: 100, p90: 500, p99: 500 });
    expect(podStartupTable(r)).toMatch(/^seen_to_run +2 +100 ms +500 ms +500 ms *$/m);
    expect(podStartupLatency([{ created: 0, running: 1000 }]).seenToRun).toBeUndefined();
    expect(podStartupTable(podStartupLatency([{ created: 0, running: 1000 }]))).not.toContain('seen_to_run');
  });

  it('has no data, not NaN, with no pods or none Running', () => {
    expect(podStartupLatency([])).toEqual({ createToSchedule: undefined, scheduleToRun: undefined, podStartup: undefined, podStartupExcludingPull: undefined, verdict: 'NO DATA' });
    expect(podStartupLatency([{ created: 0, scheduled: 10 }]).verdict).toBe('NO DATA');
  });
});

describe('APIResponsiveness', () => {
  it('classes mutating verbs by verb and reads by scope, with sig-scalability\'s thresholds', () => {
    for (const verb of ['POST', 'PUT', 'PATCH', 'APPLY', 'DELETE'] as const) expect(classify(verb, 'cluster')).toEqual({ callClass: 'mutating', thresholdMs: 1000 });
    expect(classify('GET', 'resource')).toEqual({ callClass: 'read-only, single object', thresholdMs: 1000 });
    expect(classify('LIST', 'namespace')).toEqual({ callClass: 'LIST, namespace-scoped', thresholdMs: 5000 });
    expect(classify('LIST', 'cluster')).toEqual({ callClass: 'LIST, cluster-scoped', thresholdMs: 30_000 });
  });

  it('groups samples by verb, resource and scope, in the order first seen', () => {
    const samples: ApiCallSample[] = [
      { verb: 'POST', resource: 'pods', scope: 'namespace', ms: 10 },
      { verb: 'LIST', resource: 'pods', scope: 'cluster', ms: 400 },
      { verb: 'POST', resource: 'pods', scope: 'namespace', ms: 30 },
      { verb: 'LIST', resource: 'pods', scope: 'namespace', ms: 50 },
    ];
    const calls = apiResponsiveness(samples);
    expect(calls.map((c) => [c.verb, c.scope, c.latency.count, c.latency.p99, c.verdict])).toEqual([
      ['POST', 'namespace', 2, 30, 'PASS'], ['LIST', 'cluster', 1, 400, 'PASS'], ['LIST', 'namespace', 1, 50, 'PASS'],
    ]);
    expect(apiVerdict(calls)).toBe('PASS');
  });

  it('fails as a whole when one kind of call is over its threshold at p99, and passes each at its threshold', () => {
    const at = (verb: 'POST' | 'GET' | 'LIST', scope: 'resource' | 'namespace' | 'cluster', ms: number): ApiCallSample => ({ verb, resource: 'pods', scope, ms });
    const boundary = apiResponsiveness([at('POST', 'namespace', 1000), at('GET', 'resource', 1000), at('LIST', 'namespace', 5000), at('LIST', 'cluster', 30_000)]);
    expect(boundary.map((c) => c.verdict)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    const over = apiResponsiveness([at('POST', 'namespace', 1001), at('LIST', 'cluster', 29_999)]);
    expect(over.map((c) => c.verdict)).toEqual(['FAIL', 'PASS']);
    expect(apiVerdict(over)).toBe('FAIL');
    expect(apiVerdict([])).toBe('NO DATA');
  });
});

describe('schedulingThroughput', () => {
  it('counts bindings per 5 s window from the first, as pods per second: the average of the windows and the largest', () => {
    // 10 in the first window, none in the second, 5 in the third.
    const times = [...Array.from({ length: 10 }, (_, i) => 1000 + i * 100), ...Array.from({ length: 5 }, (_, i) => 11_000 + i)];
    expect(schedulingThroughput(times)).toEqual({ windows: 3, averagePerSecond: 1, maxPerSecond: 2 });
  });

  it('puts a binding exactly one window after the first into the next window', () => {
    expect(schedulingThroughput([0, 5000])).toEqual({ windows: 2, averagePerSecond: 0.2, maxPerSecond: 0.2 });
  });

  it('has no windows with no bindings', () => {
    expect(schedulingThroughput([])).toBeUndefined();
  });
});

describe('printing', () => {
  it('aligns columns, text to the left and numbers to the right', () => {
    expect(textTable(['name', 'n', 'cpu', 'note'], [['a', '5', '', 'x'], ['longer', '120 ms', '1.5 s', ''], ['b', '-', '-', 'y']])).toBe([
      'name         n    cpu  note',
      'a            5         x',
      'longer  120 ms  1.5 s',
      'b            -      -  y',
    ].join('\n'));
  });

  it('reads durations in ms under a second and in s above, a dash for none', () => {
    expect([durationText(12.4), durationText(999.4), durationText(1000), durationText(5432), durationText(undefined), durationText(NaN)]).toEqual(['12 ms', '999 ms', '1.00 s', '5.43 s', '-', '-']);
  });

  it('prints dashes, never NaN or undefined, for empty measurements', () => {
    const text = [podStartupTable(podStartupLatency([])), apiTable(apiResponsiveness([])), throughputTable(schedulingThroughput([])), verdictLines(podStartupLatency([]), [], undefined)].join('\n');
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    expect(text).toContain('NO DATA');
  });

  it('prints a verdict line per SLO naming the call nearest its threshold', () => {
    const calls = apiResponsiveness([{ verb: 'POST', resource: 'pods', scope: 'namespace', ms: 800 }, { verb: 'LIST', resource: 'pods', scope: 'cluster', ms: 3000 }]);
    const lines = verdictLines(podStartupLatency([{ created: 0, scheduled: 1, running: 6000 }]), calls, schedulingThroughput([0, 100, 5000])).split('\n');
    expect(lines[0]).toBe('PodStartupLatency     FAIL  pod_startup_excluding_pull p99 6.00 s (SLO ≤ 5 s)');
    expect(lines[1]).toBe('APIResponsiveness     PASS  0 of 2 kinds of call over their threshold; nearest: POST pods (namespace) p99 800 ms of 1 s');
    expect(lines[2]).toBe('SchedulingThroughput  PASS  max 0.4 pods/s, average 0.3 pods/s over 2 windows of 5 s (no threshold, clusterloader2\'s default)');
    expect(verdictLines(podStartupLatency([]), [], undefined).split('\n')[2]).toBe('SchedulingThroughput  NO DATA  no pod bound');
  });

  it('names a subresource with its resource, as kubectl does', () => {
    const calls = apiResponsiveness([{ verb: 'POST', resource: 'pods', scope: 'resource', ms: 20 }]).map((c) => ({ ...c, subresource: 'binding' }));
    expect(apiTable(calls).split('\n')[1]).toMatch(/^POST {2}pods\/binding {2}resource {2}mutating/);
    expect(verdictLines(podStartupLatency([]), calls, undefined).split('\n')[1]).toContain('nearest: POST pods/binding (resource) p99 20 ms of 1 s');
  });
});

describe('throughputVerdict', () => {
  it('passes any binding without a threshold, fails only a busiest window under one, and has no data without bindings', () => {
    const t = schedulingThroughput([0, 1000, 2000]);
    expect(throughputVerdict(t)).toBe('PASS');
    expect(throughputVerdict(t, 0.6)).toBe('PASS');
    expect(throughputVerdict(t, 0.7)).toBe('FAIL');
    expect(throughputVerdict(undefined)).toBe('NO DATA');
  });
});
