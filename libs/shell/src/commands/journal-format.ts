/**
 * How systemd writes times and journal lines (systemd 252, Debian 12), shared by systemctl and journalctl. Node
 * clocks run in UTC.
 */
import type { JournalEntry } from '../process/process-host.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
const clock = (t: Date) => `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;

/** `Wed 2026-11-25 02:00:00 UTC`, as systemctl status shows a timestamp. */
export function systemdTimestamp(t: Date): string {
  return `${DAYS[t.getUTCDay()]} ${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())} ${clock(t)} UTC`;
}

/** format_timestamp_relative: `5s ago`, `24min ago`, `1h 5min ago`, `2 days 3h ago`; under a second, `120ms ago`. */
export function relativeAge(t: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - t.getTime());
  if (ms < 1000) return ms > 0 ? `${ms}ms ago` : 'now';
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} ${hours}h ago`;
  if (hours > 0) return `${hours}h ${minutes}min ago`;
  if (minutes > 0) return `${minutes}min ago`;
  return `${seconds}s ago`;
}

/** format_timespan to the millisecond: `30min 1.234s`, `2h 5s`, `812ms`. */
export function timespan(ms: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms));
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest >= 1000) parts.push(`${Math.floor(rest / 1000)}${rest % 1000 ? `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`);
  else if (rest > 0 || parts.length === 0) parts.push(`${rest}ms`);
  return parts.join(' ');
}

/** journalctl's short format: `Nov 25 02:00:00 node-1 kubelet[812]: message`. */
export function journalLine(entry: JournalEntry, hostname: string): string {
  const t = entry.time;
  return `${MONTHS[t.getUTCMonth()]} ${two(t.getUTCDate())} ${clock(t)} ${hostname} ${entry.identifier}[${entry.pid}]: ${entry.message}\n`;
}
