/**
 * Go's time.Duration.String() for whole milliseconds, because kubelet messages print durations
 * that way: `back-off 1m20s`, `5m0s`, `in 1.234s`, `500ms`.
 */

function seconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const fraction = ms % 1000;
  if (fraction === 0) return `${whole}s`;
  return `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}s`;
}

/** Formats a non-negative number of milliseconds like Go does. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const rest = seconds(ms % 60_000);
  if (hours > 0) return `${hours}h${minutes}m${rest}`;
  if (minutes > 0) return `${minutes}m${rest}`;
  return rest;
}
