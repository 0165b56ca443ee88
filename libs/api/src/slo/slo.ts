/**
 * sig-scalability's SLOs as clusterloader2 measures them, computed from samples a bench took
 * or from a running lab (its pods' timestamps, and the api-server's request histogram through
 * api-histogram.ts): PodStartupLatency (p99 of create → Running, image pulls left out, ≤ 5 s), APIResponsiveness (p99
 * of each verb, resource and scope ≤ 1 s for mutating calls and single-object reads, 5 s for a
 * namespace's LIST, 30 s for a cluster-wide LIST) and SchedulingThroughput (pods bound per 5 s
 * window, no threshold unless given); a PASS, FAIL or NO DATA per SLO, and plain-text tables of
 * them, as `npm run bench -- density` and `kubelab status --slo` print them. Pure: every time is
 * milliseconds on one clock, given by the caller.
 */

export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
}

export type Verdict = 'PASS' | 'FAIL' | 'NO DATA';

/** p50/p90/p99 by nearest rank (the ⌈n·p⌉-th smallest, as clusterloader2's NewLatencyMetric); undefined for no samples. */
export function percentiles(values: number[]): Percentiles | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.ceil((sorted.length * p) / 100) - 1];
  return { count: sorted.length, p50: rank(50), p90: rank(90), p99: rank(99) };
}

/** A p99 against its threshold: equal passes, as clusterloader2 fails only a p99 above it; no p99 (none, or NaN) is no data. */
export function judge(latency: Percentiles | undefined, thresholdMs: number): Verdict {
  if (!latency || Number.isNaN(latency.p99)) return 'NO DATA';
  return latency.p99 <= thresholdMs ? 'PASS' : 'FAIL';
}

// ---------------------------------------------------------------- PodStartupLatency

/** One pod's moments: created (metadata.creationTimestamp), first seen bound to a node, first seen Running with every container started. */
export interface PodTimeline {
  created: number;
  /** When a client watching the pods first saw it, on the same clock as scheduled and running: the start without creationTimestamp's whole seconds. */
  seen?: number;
  /** When the client that created it sent the create, on the same clock: the start to the millisecond, where the client knows it. */
  sent?: number;
  scheduled?: number;
  running?: number;
  /** Milliseconds it spent pulling images on the way (image-pulls.ts), where it pulled any. */
  pullMs?: number;
}

export const podStartupThresholdMs = 5000;

export interface PodStartupLatency {
  createToSchedule?: Percentiles;
  scheduleToRun?: Percentiles;
  podStartup?: Percentiles;
  /**
   * Create → Running less the time spent pulling images: the SLI the SLO judges (sig-scalability's pod startup SLO
   * leaves image pulls out, as the kubelet's pod_start_sli_duration_seconds does). The same as podStartup where nothing
   * was pulled.
   */
  podStartupExcludingPull?: Percentiles;
  /** First seen → Running, when the timelines say when each pod was first seen: no SLO judges it. */
  seenToRun?: Percentiles;
  /** Create sent → Running, when the timelines say when each create was sent: the startup latency without creationTimestamp's whole seconds. */
  sentToRun?: Percentiles;
  verdict: Verdict;
}

/** Each phase over the pods that reached its end; the SLO is judged on pod_startup_excluding_pull (create → Running, less image pulls). */
export function podStartupLatency(pods: PodTimeline[]): PodStartupLatency {
  const spans = (from: (p: PodTimeline) => number | undefined, to: (p: PodTimeline) => number | undefined) =>
    pods.flatMap((p) => {
      const [a, b] = [from(p), to(p)];
      return a === undefined || b === undefined ? [] : [b - a];
    });
  const podStartup = percentiles(spans((p) => p.created, (p) => p.running));
  const podStartupExcludingPull = percentiles(spans((p) => p.created + (p.pullMs ?? 0), (p) => p.running));
  return {
    createToSchedule: percentiles(spans((p) => p.created, (p) => p.scheduled)),
    scheduleToRun: percentiles(spans((p) => p.scheduled, (p) => p.running)),
    podStartup,
    podStartupExcludingPull,
    ...(pods.some((p) => p.seen !== undefined) ? { seenToRun: percentiles(spans((p) => p.seen, (p) => p.running)) } : {}),
    ...(pods.some((p) => p.sent !== undefined) ? { sentToRun: percentiles(spans((p) => p.sent, (p) => p.running)) } : {}),
    verdict: judge(podStartupExcludingPull, podStartupThresholdMs),
  };
}

// ---------------------------------------------------------------- APIResponsiveness

/** The verbs the SLO judges, as kube-apiserver's metrics label them (APPLY: a server-side apply PATCH); WATCH and CONNECT are no part of it. */
export type ApiCallVerb = 'POST' | 'PUT' | 'PATCH' | 'APPLY' | 'DELETE' | 'GET' | 'LIST';
/** As the api-server's metrics label a request: one named object (or a create), a namespace's collection, or every namespace's. */
export type ApiCallScope = 'resource' | 'namespace' | 'cluster';
export type ApiCallClass = 'mutating' | 'read-only, single object' | 'LIST, namespace-scoped' | 'LIST, cluster-scoped';

export interface ApiCallSample {
  verb: ApiCallVerb;
  resource: string;
  scope: ApiCallScope;
  ms: number;
}

export interface ApiCallSummary {
  verb: ApiCallVerb;
  resource: string;
  /** The subresource called (binding, status, eviction…), when the call was one. */
  subresource?: string;
  scope: ApiCallScope;
  callClass: ApiCallClass;
  thresholdMs: number;
  latency: Percentiles;
  verdict: Verdict;
}

const mutating = new Set<ApiCallVerb>(['POST', 'PUT', 'PATCH', 'APPLY', 'DELETE']);

/** The SLO's class of a call, by its verb and else by how much it reads. */
export function classify(verb: ApiCallVerb, scope: ApiCallScope): { callClass: ApiCallClass; thresholdMs: number } {
  if (mutating.has(verb)) return { callClass: 'mutating', thresholdMs: 1000 };
  if (scope === 'resource') return { callClass: 'read-only, single object', thresholdMs: 1000 };
  if (scope === 'namespace') return { callClass: 'LIST, namespace-scoped', thresholdMs: 5000 };
  return { callClass: 'LIST, cluster-scoped', thresholdMs: 30_000 };
}

/** One summary per (verb, resource, scope), in the order first sampled. */
export function apiResponsiveness(samples: ApiCallSample[]): ApiCallSummary[] {
  const groups = new Map<string, ApiCallSample[]>();
  for (const s of samples) {
    const key = `${s.verb} ${s.resource} ${s.scope}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.values()].map((group) => {
    const { verb, resource, scope } = group[0];
    const { callClass, thresholdMs } = classify(verb, scope);
    const latency = percentiles(group.map((s) => s.ms))!;
    return { verb, resource, scope, callClass, thresholdMs, latency, verdict: judge(latency, thresholdMs) };
  });
}

/** FAIL when any call's p99 is over its threshold; NO DATA with no calls. */
export function apiVerdict(calls: ApiCallSummary[]): Verdict {
  if (calls.length === 0) return 'NO DATA';
  return calls.some((c) => c.verdict === 'FAIL') ? 'FAIL' : 'PASS';
}

// ---------------------------------------------------------------- SchedulingThroughput

export interface SchedulingThroughput {
  windows: number;
  averagePerSecond: number;
  maxPerSecond: number;
}

/**
 * Pods bound per second in consecutive windows (5 s, as clusterloader2 samples) from the first
 * binding on: each window's count over its length; the average of the windows and the largest.
 */
export function schedulingThroughput(scheduledAt: number[], windowMs = 5000): SchedulingThroughput | undefined {
  if (scheduledAt.length === 0) return undefined;
  const first = scheduledAt.reduce((a, b) => Math.min(a, b));
  const last = scheduledAt.reduce((a, b) => Math.max(a, b));
  const counts = new Array<number>(Math.floor((last - first) / windowMs) + 1).fill(0);
  for (const t of scheduledAt) counts[Math.floor((t - first) / windowMs)]++;
  const rates = counts.map((n) => n / (windowMs / 1000));
  return { windows: rates.length, averagePerSecond: rates.reduce((a, b) => a + b, 0) / rates.length, maxPerSecond: rates.reduce((a, b) => Math.max(a, b)) };
}

/**
 * clusterloader2's verdict on the throughput: FAIL only when a threshold is given (pods per second) and even the
 * busiest window stayed under it; with none (its default) any binding passes. NO DATA without bindings.
 */
export function throughputVerdict(t: SchedulingThroughput | undefined, thresholdPerSecond = 0): Verdict {
  if (!t) return 'NO DATA';
  return thresholdPerSecond > 0 && t.maxPerSecond < thresholdPerSecond ? 'FAIL' : 'PASS';
}

// ---------------------------------------------------------------- printing

/** Rows as text, each column as wide as its widest cell, two spaces apart; a column of numbers (blanks and dashes among them) aligned right, its header too. */
export function textTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const cells = (c: number) => rows.map((r) => r[c] ?? '');
  const numeric = header.map((_, c) => cells(c).some((cell) => /^[\d.]+/.test(cell)) && cells(c).every((cell) => /^([\d.]+( \S+)?|-|)$/.test(cell)));
  return all.map((r) => widths.map((w, c) => (numeric[c] ? (r[c] ?? '').padStart(w) : (r[c] ?? '').padEnd(w))).join('  ').trimEnd()).join('\n');
}

/** A duration to read: milliseconds under a second, seconds above; "-" when there is none. */
export function durationText(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const threshold = (ms: number) => `p99 ≤ ${ms / 1000} s`;
const latencyCells = (l: Percentiles | undefined) => [String(l?.count ?? 0), durationText(l?.p50), durationText(l?.p90), durationText(l?.p99)];
/** A call's resource as kubectl names a subresource: pods/binding. */
const calledResource = (c: Pick<ApiCallSummary, 'resource' | 'subresource'>) => (c.subresource ? `${c.resource}/${c.subresource}` : c.resource);

export function podStartupTable(r: PodStartupLatency): string {
  return textTable(['metric', 'pods', 'p50', 'p90', 'p99', 'SLO', 'verdict'], [
    ['create_to_schedule', ...latencyCells(r.createToSchedule), '', ''],
    ['schedule_to_run', ...latencyCells(r.scheduleToRun), '', ''],
    ['pod_startup', ...latencyCells(r.podStartup), '', ''],
    ['pod_startup_excluding_pull', ...latencyCells(r.podStartupExcludingPull), threshold(podStartupThresholdMs), r.verdict],
    ...(r.seenToRun ? [['seen_to_run', ...latencyCells(r.seenToRun), '', '']] : []),
    ...(r.sentToRun ? [['sent_to_run', ...latencyCells(r.sentToRun), '', '']] : []),
  ]);
}

export function apiTable(calls: ApiCallSummary[]): string {
  return textTable(['verb', 'resource', 'scope', 'class', 'calls', 'p50', 'p90', 'p99', 'SLO', 'verdict'],
    calls.map((c) => [c.verb, calledResource(c), c.scope, c.callClass, ...latencyCells(c.latency), threshold(c.thresholdMs), c.verdict]));
}

export function throughputTable(t: SchedulingThroughput | undefined): string {
  const rate = (n: number | undefined) => (n === undefined ? '-' : `${n.toFixed(1)} pods/s`);
  return textTable(['windows of 5 s', 'average', 'max'], [[String(t?.windows ?? 0), rate(t?.averagePerSecond), rate(t?.maxPerSecond)]]);
}

/** One line per SLO: its verdict and the number it was judged on. */
export function verdictLines(pods: PodStartupLatency, calls: ApiCallSummary[], throughput: SchedulingThroughput | undefined): string {
  const over = calls.filter((c) => c.verdict === 'FAIL');
  const worst = calls.length ? calls.reduce((a, b) => (b.latency.p99 / b.thresholdMs > a.latency.p99 / a.thresholdMs ? b : a)) : undefined;
  const line = (slo: string, verdict: Verdict, text: string) => `${slo.padEnd(20)}  ${verdict}  ${text}`;
  const rate = (n: number) => `${n.toFixed(1)} pods/s`;
  return [
    line('PodStartupLatency', pods.verdict, `pod_startup_excluding_pull p99 ${durationText(pods.podStartupExcludingPull?.p99)} (SLO ≤ ${podStartupThresholdMs / 1000} s${
      pods.podStartup?.p99 === pods.podStartupExcludingPull?.p99 ? '' : `; with image pulls ${durationText(pods.podStartup?.p99)}`})`),
    line('APIResponsiveness', apiVerdict(calls), `${over.length} of ${calls.length} kinds of call over their threshold${worst ? `; nearest: ${worst.verb} ${calledResource(worst)} (${worst.scope}) p99 ${durationText(worst.latency.p99)} of ${worst.thresholdMs / 1000} s` : ''}`),
    line('SchedulingThroughput', throughputVerdict(throughput), throughput
      ? `max ${rate(throughput.maxPerSecond)}, average ${rate(throughput.averagePerSecond)} over ${throughput.windows} window${throughput.windows === 1 ? '' : 's'} of 5 s (no threshold, clusterloader2's default)`
      : 'no pod bound'),
  ].join('\n');
}
