/**
 * `kubelab events --refusals`: the refusals the event log does not keep — of callers who
 * were not authenticated, and of users over their rate — as the api-server remembers the
 * newest of them, one row each (time, why not in the log, where from, who, what, why), or as
 * JSON / YAML documents.
 */
import type { UnrecordedRefusal } from '@kubelab/api';
import { refusalSummary } from '@kubelab/event-log';
import { stringify as toYaml } from 'yaml';
import { unrecordedRefusals } from './log-client.js';
import type { OutputFormat, Paint } from './log-format.js';

const pad = (text: string, width: number) => (text.length >= width ? `${text} ` : text.padEnd(width));

/** One refusal as a row; the time in UTC with milliseconds, as the log's rows show it. */
export function unrecordedRow(r: UnrecordedRefusal, paint: Paint): string {
  return `${pad(r.time.slice(11, 23), 13)}${paint('yellow', pad(r.cause, 16))}${paint('cyan', pad(r.remoteAddress ?? '-', 24))}${refusalSummary(r)}`;
}

/** Writes the refusals not in the log, then how many there were in all when the oldest are no longer kept. */
export async function showUnrecordedRefusals(apiUrl: string, format: OutputFormat, paint: Paint, write: (text: string) => void): Promise<void> {
  const { total, items } = await unrecordedRefusals(apiUrl);
  if (format === 'json') return items.forEach((r) => write(`${JSON.stringify(r)}\n`));
  if (format === 'yaml') return items.forEach((r) => write(`---\n${toYaml(r)}`));
  write(`${paint('dim', `${pad('TIME', 13)}${pad('CAUSE', 16)}${pad('FROM', 24)}SUMMARY`)}\n`);
  for (const r of items) write(`${unrecordedRow(r, paint)}\n`);
  const shown = total > items.length ? `; the newest ${items.length} shown` : '';
  write(`${paint('dim', `${total} refused request${total === 1 ? '' : 's'} not recorded in the event log since the api-server started${shown}`)}\n`);
}
