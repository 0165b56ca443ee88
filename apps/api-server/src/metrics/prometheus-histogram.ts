/**
 * A histogram in Prometheus' text exposition format (version 0.0.4), as client_golang writes one: per set of label values
 * a `NAME_bucket{…,le="BOUND"}` line for each bound and +Inf, each counting the observations at most that bound
 * (cumulative), then `NAME_sum` and `NAME_count`; label names sorted, `le` last, the series in the order of their labels.
 * An observation costs one map lookup and a scan of the bounds: the counts are kept per bucket and added up only when
 * the text is asked for.
 */
import { labelValue } from './prometheus-counter.js';

interface Series {
  values: string[];
  /** Observations per bucket, not cumulative: counts[i] in (bounds[i-1], bounds[i]], the last one above every bound. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram<Label extends string> {
  private readonly series = new Map<string, Series>();
  /** The label names sorted, and where each is among labelNames: the text writes them in that order. */
  private readonly sortedLabels: { name: Label; at: number }[];

  constructor(readonly name: string, readonly help: string, private readonly labelNames: readonly Label[], private readonly bounds: readonly number[]) {
    if (bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1]))) throw new Error(`histogram ${name}: bounds must be finite and increasing`);
    this.sortedLabels = labelNames.map((name, at) => ({ name, at })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** One observation of `value` for these label values. */
  observe(labels: Record<Label, string>, value: number): void {
    // Label values never hold a NUL here (they come from the API's registry), so NUL-joined values name a series.
    let key = '';
    for (const l of this.labelNames) key += `${labels[l]}\u0000`;
    let s = this.series.get(key);
    if (!s) {
      s = { values: this.labelNames.map((l) => labels[l]), counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]) i++;
    s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  /** The histogram in the text format: HELP and TYPE, then every series observed so far. */
  text(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    const rendered = [...this.series.values()].map((s) => ({ s, pairs: this.sortedLabels.map(({ name, at }) => `${name}="${labelValue(s.values[at])}"`).join(',') }));
    rendered.sort((a, b) => (a.pairs < b.pairs ? -1 : a.pairs > b.pairs ? 1 : 0));
    for (const { s, pairs } of rendered) {
      const prefix = pairs ? `${pairs},` : '';
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += s.counts[i];
        lines.push(`${this.name}_bucket{${prefix}le="${bound}"} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket{${prefix}le="+Inf"} ${s.count}`);
      const braces = pairs ? `{${pairs}}` : '';
      lines.push(`${this.name}_sum${braces} ${s.sum}`, `${this.name}_count${braces} ${s.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
