/**
 * Durations printed the way Go's time.Duration prints them after the kubelet
 * truncates to milliseconds (`523ms`, `1.2s`, `1m5.05s`), for the Pulled event.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/** Go's Duration.String() of `seconds` truncated to whole milliseconds. */
export function formatGoDuration(seconds: number): string {
  const ms = Math.max(0, Math.floor(Math.round(seconds * 1e6) / 1e3));
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / MS_PER_HOUR);
  const minutes = Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE);
  const rest = ms % MS_PER_MINUTE;
  const fraction = rest % 1000 === 0 ? '' : `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}`;
  const secondsPart = `${Math.floor(rest / 1000)}${fraction}s`;
  if (hours > 0) return `${hours}h${minutes}m${secondsPart}`;
  return minutes > 0 ? `${minutes}m${secondsPart}` : secondsPart;
}
