/**
 * The JSON text Go gives the time types of meta/v1, from their protobuf
 * numbers: metav1.Time is RFC 3339 to the second, MicroTime to the
 * microsecond, and Duration is Go's time.Duration String ("1h2m3.5s").
 */

/** `2026-01-02T03:04:05Z` for Unix seconds (metav1.Time drops the nanoseconds). */
export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-01-02T03:04:05.123456Z` for Unix seconds and nanoseconds. */
export function rfc3339Micro(seconds: number, nanos: number): string {
  const micros = String(Math.floor(nanos / 1000)).padStart(6, '0');
  return rfc3339(seconds).replace(/Z$/, `.${micros}Z`);
}

const second = 1_000_000_000n;

/** Go's Duration.String for a count of nanoseconds: `0s`, `1.5µs`, `20ms`, `1m0s`, `-1h2m3.5s`. */
export function goDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const sign = nanos < 0n ? '-' : '';
  let rest = nanos < 0n ? -nanos : nanos;
  if (rest < second) {
    const [unit, size] = rest < 1_000n ? ['ns', 1n] : rest < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    return `${sign}${decimal(rest, size)}${unit}`;
  }
  const hours = rest / (3600n * second);
  rest %= 3600n * second;
  const minutes = rest / (60n * second);
  rest %= 60n * second;
  const h = hours > 0n ? `${hours}h` : '';
  const m = hours > 0n || minutes > 0n ? `${minutes}m` : '';
  return `${sign}${h}${m}${decimal(rest, second)}s`;
}

/** `value / size` written with the fraction's trailing zeros dropped: 1500/1000 → `1.5`. */
function decimal(value: bigint, size: bigint): string {
  const whole = value / size;
  const fraction = value % size;
  if (fraction === 0n) return String(whole);
  const digits = String(fraction).padStart(String(size).length - 1, '0').replace(/0+$/, '');
  return `${whole}.${digits}`;
}
