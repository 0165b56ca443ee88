/** `kubelab export`: the event log as NDJSON, from the running lab or, when none runs, from its file (how the good part of a damaged log is kept). */
import { maskDatabase } from '@kubelab/event-store';
import { Command } from 'commander';
import { trustApi } from '../cli/lab.js';
import { logFilters, logParams, logPoint, type LogFilterOptions } from '../cli/log-options.js';
import { dataDirOf, type DatabaseOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { exportLog } from '../export-import.js';
import { alive, readLabState } from '../lab-state.js';
import { logDatabaseOf, readLogFile } from '../log-file.js';

/** `kubelab export`'s options: the filters, the last seq, and a stopped lab's log. */
export interface ExportOptions extends LogFilterOptions, DatabaseOption {
  until?: string;
}

/** `kubelab export` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return logFilters(
    new Command('export')
      .summary('write the event log as NDJSON')
      .description(`writes the event log as NDJSON (> drill.ndjson); with no lab running, reads DIR/events.sqlite itself
(--since SEQ and --until SEQ only) and stops at the first event it cannot read back: how the good part
of a damaged log is kept`)
      .option('--until <SEQ>', 'up to this seq')
      .option('--database <URL>', 'a stopped lab\'s PostgreSQL log (default: the one its kubelab up --database noted)'),
  ).action(async (options: ExportOptions) => done(await work(options)));
}

/** Writes the log as NDJSON: through the running lab's API, else straight from its file. */
export async function run(values: ExportOptions): Promise<number> {
  if (values.until !== undefined && !/^\d+$/.test(values.until)) throw new UsageError(`--until takes a seq (a whole number), got "${values.until}"`);
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  if (state && alive(state.supervisorPid)) {
    trustApi(state);
    await exportLog(state.apiUrl, { ...logParams(values), until: values.until }, (chunk) => process.stdout.write(chunk));
    return 0;
  }
  return exportStoppedLab(dataDir, values);
}

/** Export straight from the file of a lab that is not running: how the good part of a damaged log is kept. */
async function exportStoppedLab(dataDir: string, values: ExportOptions): Promise<number> {
  const filtered = (['kind', 'namespace', 'name', 'type', 'actor'] as const).filter((f) => values[f] !== undefined);
  if (filtered.length) throw new UsageError(`no lab is running from ${dataDir}: export from its file takes only --since SEQ and --until SEQ (not --${filtered[0]}); start the lab for filters`);
  const since = values.since === undefined ? undefined : logPoint(values.since, 'since');
  if (since && !('seq' in since)) throw new UsageError(`no lab is running from ${dataDir}: export from its file takes --since as a seq, got "${values.since}"`);
  const file = logDatabaseOf(dataDir, values.database);
  const read = await readLogFile(file, { afterSeq: since?.seq, until: values.until === undefined ? undefined : Number(values.until) }, (e) => process.stdout.write(`${JSON.stringify(e)}\n`));
  if (!read.damage) return 0;
  process.stderr.write(`kubelab: ${maskDatabase(file)} cannot be read after seq ${read.lastGood} (${read.damage}); the events up to seq ${read.lastGood} were exported\n`);
  return 1;
}
