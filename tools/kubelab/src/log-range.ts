/**
 * Where in the log a person means: a seq (`1200`), a duration ago (`30s`, `5m`,
 * `1h30m`, as Go's time.ParseDuration writes them) or a time (RFC 3339). Pure: the
 * caller passes `now`; undefined means the text is none of these.
 */

/** A point of the log as the api-server takes it: a seq or an RFC 3339 time. */
export type LogPoint = { seq: number } | { time: string };

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration such as `90s`, `5m` or `1h30m`; undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g)) total += Number(amount) * unitMs[unit];
  return total;
}

/** A seq, a duration before `now`, or an RFC 3339 time. */
export function parseLogPoint(text: string, now: Date): LogPoint | undefined {
  if (/^\d+$/.test(text)) return { seq: Number(text) };
  const ago = parseDuration(text);
  if (ago !== undefined) return { time: new Date(now.getTime() - ago).toISOString() };
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? undefined : { time: time.toISOString() };
}
