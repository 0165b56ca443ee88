/** `kubelab import`: a whole exported log written into a new, stopped data dir, which `kubelab up` then starts with that history. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isPostgresUrl, maskDatabase } from '@kubelab/event-store';
import { Command } from 'commander';
import type { DatabaseOption, DataDirOption, Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { importLog, parseExport } from '../export-import.js';
import { alive, readLabState } from '../lab-state.js';

/** `kubelab import` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('import')
    .summary('write an exported log into a new data dir')
    .description(`writes a whole exported log (an export without --since) into a new, stopped data dir;
\`kubelab up --data-dir NEW_DIR\` then starts with that history`)
    .argument('<FILE|->', 'the NDJSON file kubelab export wrote (- for stdin)')
    .option('--data-dir <NEW_DIR>', 'the new lab to write the log into')
    .option('--database <URL>', 'write the log into this empty PostgreSQL database instead (then kubelab up --database URL)')
    .action(async (file: string, options: DataDirOption & DatabaseOption) => done(await work(file, options)));
}

/** Writes the records of FILE (or stdin) into the new data dir's log, or an empty PostgreSQL database. */
export async function run(file: string, values: DataDirOption & DatabaseOption): Promise<number> {
  if (!values.dataDir) throw new UsageError('import needs --data-dir NEW_DIR: the new lab to write the log into');
  const dataDir = resolve(values.dataDir);
  const state = readLabState(dataDir);
  if (state && alive(state.supervisorPid)) throw new UsageError(`a lab is running from ${dataDir}; import into a new data dir`);
  const records = parseExport(readFileSync(file === '-' ? 0 : file, 'utf8'));
  if (values.database !== undefined && !isPostgresUrl(values.database)) throw new UsageError(`--database takes a postgres:// URL, got "${maskDatabase(values.database)}"`);
  const written = await importLog(records, dataDir, values.database);
  const database = values.database ? ` --database '${maskDatabase(values.database)}'` : '';
  process.stdout.write(`kubelab: imported ${records.length} events (seq 1–${records.length}) into ${written}\n  start it with: kubelab up --data-dir ${dataDir}${database}\n`);
  return 0;
}
