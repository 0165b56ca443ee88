/**
 * kubectl's AGE and DURATION text: apimachinery's duration.HumanDuration, ~2-3 significant
 * figures ("45s", "5m3s", "3h5m", "2d3h", "45d", "2y45d"), and the printers' "<unknown>".
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const hoursPerDay = 24;
const daysPerYear = 365;

/** A duration in milliseconds as HumanDuration prints it; "<invalid>" two seconds or more in the past. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / minute);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / hour);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / hoursPerDay);
  const extraHours = hours % hoursPerDay;
  if (days < 8) return extraHours === 0 ? `${days}d` : `${days}d${extraHours}h`;
  if (days < daysPerYear * 2) return `${days}d`;
  const years = Math.trunc(days / daysPerYear);
  const extraDays = days % daysPerYear;
  if (years < 8) return extraDays === 0 ? `${years}y` : `${years}y${extraDays}d`;
  return `${years}y`;
}

/** Milliseconds since the epoch of an RFC 3339 timestamp, or undefined when absent or unreadable. */
export function parseTimestamp(timestamp: string | null | undefined): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The printers' translateTimestampSince: time elapsed since `timestamp`, "<unknown>" when it is missing. */
export function ageSince(timestamp: string | null | undefined, now: Date): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}
