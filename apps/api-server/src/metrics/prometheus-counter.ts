/**
 * Counters in Prometheus' text exposition format (version 0.0.4), as kube-apiserver serves
 * them at /metrics: a # HELP and a # TYPE line per counter, then one sample per set of label
 * values. Only what the api-server counts itself; there is no client library behind it
 * (histograms: prometheus-histogram.ts).
 */

/** The Content-Type of the text format, as kube-apiserver answers a scrape. */
export const exposition = 'text/plain; version=0.0.4; charset=utf-8';

/** A label value as the text format writes it: backslash, double quote and newline escaped. */
export function labelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** A monotonically increasing count, broken out by its labels' values. */
export class Counter<Label extends string = never> {
  private readonly values = new Map<string, { labels: Record<Label, string>; value: number }>();

  constructor(readonly name: string, readonly help: string, private readonly labelNames: readonly Label[] = []) {}

  /** Adds `by` to the sample of these label values. */
  inc(labels: Record<Label, string>, by = 1): void {
    const key = JSON.stringify(this.labelNames.map((l) => labels[l]));
    const sample = this.values.get(key) ?? { labels, value: 0 };
    sample.value += by;
    this.values.set(key, sample);
  }

  /** The counter in the text format; a counter without labels shows 0 before its first increment, as client_golang's does. */
  text(): string {
    const head = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} counter\n`;
    if (this.labelNames.length === 0) return `${head}${this.name} ${this.values.get('[]')?.value ?? 0}\n`;
    const samples = [...this.values.values()].map(({ labels, value }) => {
      const pairs = this.labelNames.map((l) => `${l}="${labelValue(labels[l])}"`).join(',');
      return `${this.name}{${pairs}} ${value}\n`;
    });
    return `${head}${samples.join('')}`;
  }
}
