/**
 * Reads one histogram out of a Prometheus text exposition (format 0.0.4, what a scrape of
 * /metrics answers): its `NAME_bucket{…,le="…"}`, `NAME_sum{…}` and `NAME_count{…}` samples,
 * one series per set of the other labels' values. Every other metric is passed over unread.
 */

/** One bucket as the exposition writes it: the count of observations at most `le` (cumulative), +Inf the last. */
export interface HistogramBucket {
  le: number;
  count: number;
}

/** One series of a histogram: its labels (le aside), its buckets by le, the sum and the count of its observations. */
export interface HistogramSeries {
  labels: Record<string, string>;
  buckets: HistogramBucket[];
  sum: number;
  count: number;
}

/** A sample's value: a float, `+Inf`, `-Inf` or `NaN` as the format writes them; undefined for anything else. */
function sampleValue(text: string): number | undefined {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** `{a="1",b="x\"y"}` → its labels, undoing the format's escapes (\\, \", \n); undefined when it is not a label set. */
function labelSet(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let at = 1;
  const skipBlanks = () => {
    while (text[at] === ' ' || text[at] === '\t') at++;
  };
  for (;;) {
    skipBlanks();
    if (text[at] === '}') return at === text.length - 1 ? labels : undefined;
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(at))?.[0];
    if (!name) return undefined;
    at += name.length;
    skipBlanks();
    if (text[at] !== '=') return undefined;
    at++;
    skipBlanks();
    if (text[at] !== '"') return undefined;
    at++;
    let value = '';
    for (;; at++) {
      const c = text[at];
      if (c === undefined) return undefined;
      if (c === '"') break;
      if (c === '\\') {
        const next = text[++at];
        if (next === undefined) return undefined;
        value += next === 'n' ? '\n' : next;
      } else value += c;
    }
    at++;
    labels[name] = value;
    skipBlanks();
    if (text[at] === ',') at++;
    else if (text[at] !== '}') return undefined;
  }
}

/** Where a sample line's label set ends: the `}` closing it, quotes and escapes heeded; -1 when it does not close. */
function labelsEnd(line: string, from: number): number {
  let quoted = false;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '}') return i;
  }
  return -1;
}

const seriesKey = (labels: Record<string, string>) => JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));

/**
 * The series of histogram `name` in `text`, in the order first seen, each bucket list sorted by le. A line of the histogram
 * that does not parse (labels, value, or a bucket without le) throws, naming its line number; other lines are not read.
 */
export function parseHistogram(text: string, name: string): HistogramSeries[] {
  const series = new Map<string, HistogramSeries>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line.startsWith(name) || line.startsWith('#')) return;
    const suffix = /^_(bucket|sum|count)(?=[{\s])/.exec(line.slice(name.length))?.[1];
    if (!suffix) return;
    const bad = (why: string) => new Error(`line ${index + 1} of the exposition: ${why}: ${line}`);
    let rest = line.slice(name.length + suffix.length + 1);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const end = labelsEnd(rest, 1);
      const parsed = end < 0 ? undefined : labelSet(rest.slice(0, end + 1));
      if (!parsed) throw bad('labels that do not parse');
      labels = parsed;
      rest = rest.slice(end + 1);
    }
    // The value, then an optional timestamp (milliseconds), which a histogram's reader has no use for.
    const [valueText, timestamp, ...extra] = rest.trim().split(/\s+/);
    const value = valueText === undefined ? undefined : sampleValue(valueText);
    if (value === undefined || extra.length || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) throw bad('no value');
    let le: number | undefined;
    if (suffix === 'bucket') {
      le = labels.le === undefined ? undefined : sampleValue(labels.le);
      if (le === undefined) throw bad('a bucket without le');
      delete labels.le;
    }
    const key = seriesKey(labels);
    let s = series.get(key);
    if (!s) series.set(key, (s = { labels, buckets: [], sum: 0, count: 0 }));
    if (suffix === 'bucket') s.buckets.push({ le: le!, count: value });
    else if (suffix === 'sum') s.sum = value;
    else s.count = value;
  });
  for (const s of series.values()) s.buckets.sort((a, b) => a.le - b.le);
  return [...series.values()];
}

/**
 * What each series of `after` observed since `before` was scraped, as PromQL's `increase()` over a run's window reads it
 * (clusterloader2's APIResponsivenessPrometheus): its buckets, sum and count less the same series' in `before` (matched by
 * labels; a series `before` lacks counts from zero). A series that observed nothing since is left out. `before` must be an
 * earlier scrape of the same process: a counter that went down (the api-server restarted between) counts from zero, as
 * Prometheus reads a counter reset.
 */
export function histogramIncrease(after: readonly HistogramSeries[], before: readonly HistogramSeries[]): HistogramSeries[] {
  const earlier = new Map(before.map((s) => [seriesKey(s.labels), s]));
  return after.flatMap((s) => {
    const b = earlier.get(seriesKey(s.labels));
    const reset = !b || b.count > s.count;
    const count = reset ? s.count : s.count - b.count;
    if (count === 0) return [];
    const bucketBefore = new Map(reset ? [] : b.buckets.map((x) => [x.le, x.count]));
    return [{
      labels: s.labels,
      buckets: s.buckets.map((x) => ({ le: x.le, count: x.count - (bucketBefore.get(x.le) ?? 0) })),
      sum: reset ? s.sum : s.sum - b.sum,
      count,
    }];
  });
}

/** A gauge or counter without labels (process_start_time_seconds): its value, or undefined when the text has none. */
export function parseScalar(text: string, name: string): number | undefined {
  for (const raw of text.split('\n')) {
    const [metric, value] = raw.trim().split(/\s+/);
    if (metric === name && value !== undefined) return sampleValue(value);
  }
  return undefined;
}
