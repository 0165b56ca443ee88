/**
 * Times in a CronJob's timeZone, as Go's time.LoadLocation and RFC 3339 formatting
 * give them: the scheduled-timestamp annotation carries the local time and offset.
 */
import { kubeTime } from '@kubelab/api';

/** How ICU writes a zero offset ("GMT" or "GMT+00:00", by version), after "GMT". */
const ZERO_OFFSETS = new Set(['', '+00:00']);

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
  });
}

/** Why a timeZone cannot be used, worded as Go's time.LoadLocation fails; undefined when it can. */
export function timeZoneError(timeZone: string): string | undefined {
  try {
    formatter(timeZone);
    return undefined;
  } catch {
    return `unknown time zone ${timeZone}`;
  }
}

/** `time` as RFC 3339 in `timeZone` (UTC, written with Z, when there is none). */
export function rfc3339InZone(time: Date, timeZone: string | undefined): string {
  if (!timeZone) return kubeTime(time);
  const part = Object.fromEntries(formatter(timeZone).formatToParts(time).map((p) => [p.type, p.value]));
  const offset = part.timeZoneName.slice('GMT'.length);
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${ZERO_OFFSETS.has(offset) ? 'Z' : offset}`;
}
