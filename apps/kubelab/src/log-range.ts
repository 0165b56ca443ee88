/**
 * Where in the log a person means: a seq (`1200`), a duration ago (`30s`, `5m`,
 * `1h30m`, read as Go's time.ParseDuration reads them) or a time (RFC 3339). Pure: the
 * caller passes `now`; undefined means the text is none of these.
 */
import { parseGoDuration } from '@kubelab/api';

/** A point of the log as the api-server takes it: a seq or an RFC 3339 time. */
export type LogPoint = { seq: number } | { time: string };

/** A seq, a duration before `now`, or an RFC 3339 time. */
export function parseLogPoint(text: string, now: Date): LogPoint | undefined {
  if (/^\d+$/.test(text)) return { seq: Number(text) };
  const ago = parseGoDuration(text);
  if (ago !== undefined && ago >= 0) return { time: new Date(now.getTime() - ago).toISOString() };
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? undefined : { time: time.toISOString() };
}
