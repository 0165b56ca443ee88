/**
 * kube-apiserver's default table convertor (NAME, CREATED AT), used for kinds that have no
 * printer of their own, such as LimitRange.
 */
import { column, nameColumn, creationTimestampDescription } from './columns.js';
import { parseTimestamp } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** Go's time.RFC3339 in UTC, whole seconds; the zero time when the timestamp is missing. */
export function rfc3339(timestamp: string | null | undefined): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Prints a kind the default way: its name and creation time. */
export const createdAtPrinter: KindPrinter = {
  columns: [nameColumn, column('Created At', creationTimestampDescription, { type: 'date' })],
  print(obj) {
    return { cells: [obj.metadata.name ?? '', rfc3339(obj.metadata.creationTimestamp)] };
  },
};
