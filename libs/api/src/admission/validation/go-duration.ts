/**
 * Go's time.ParseDuration ("1h30m", "90s", "1.5h", "-2m", "0"), which robfig/cron uses for
 * `@every <duration>` schedules.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** The duration in milliseconds, or undefined when Go would refuse the text. */
export function parseGoDuration(text: string): number | undefined {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]/, '');
  if (body === '0') return 0;
  if (body === '') return undefined;
  let total = 0;
  let rest = body;
  while (rest !== '') {
    const match = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (!match || (match[1] === '' && (match[2] ?? '') === '')) return undefined;
    const unit = UNIT_MS[match[3]];
    if (unit === undefined) return undefined;
    total += Number(`${match[1] || '0'}.${match[2] || '0'}`) * unit;
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}
