/** `kubelab check`: the whole event log's invariants, each PASS, FAIL (with the seqs) or SKIP. */
import { existsSync } from 'node:fs';
import { parseGoDuration } from '@kubelab/api';
import { isPostgresUrl } from '@kubelab/event-store';
import { Command } from 'commander';
import { checkFile, checkLab, formatReport, replayEqualsLive, reportFailed, skippedWithoutLab, watchOrder, type CheckReport } from '../check.js';
import { trustApi } from '../cli/lab.js';
import { dataDirOf, dataDirOption, type DatabaseOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { InvariantChecker } from '../invariants/invariant-checker.js';
import { alive, readLabState } from '../lab-state.js';
import { logDatabaseOf } from '../log-file.js';

/** `kubelab check`'s options: how long a Deployment settles, and a stopped lab's log. */
export interface CheckOptions extends DataDirOption, DatabaseOption {
  settle?: string;
}

/** `kubelab check` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('check')
    .summary('check the whole log\'s invariants')
    .description(`checks the whole log's invariants (no pod bound twice, one pod per StatefulSet identity, every seq
and object once, resourceVersion = seq, Deployments stable for DURATION converged, Jobs within
completions), plus replay = live and watch order when the lab runs; a stopped lab's DIR/events.sqlite
is read directly; one PASS/FAIL/SKIP line each, with the seqs of every failure; exit 1 on a FAIL`)
    .option('--settle <DURATION>', 'how long a Deployment is stable before it must have converged, in lab time (default: 60s)')
    .option('--database <URL>', 'a stopped lab\'s PostgreSQL log (default: the one its kubelab up --database noted)')
    .addOption(dataDirOption())
    .action(async (options: CheckOptions) => done(await work(options)));
}

/** Checks the running lab through its API, or a stopped lab's log file, and prints one line per invariant; exit 1 on a FAIL. */
export async function run(values: CheckOptions): Promise<number> {
  const settleMs = values.settle === undefined ? 60_000 : parseGoDuration(values.settle);
  if (settleMs === undefined || settleMs <= 0) throw new UsageError(`--settle takes a duration of lab time such as 60s or 2m, got "${values.settle}"`);
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  const running = state && alive(state.supervisorPid);
  // A stopped lab's time scale is unknown (lab.json goes with it): wall-clock seconds only make the windows longer.
  const checker = new InvariantChecker({ settleSeconds: settleMs / 1000, timeScale: running ? state.timeScale : 1 });
  let report: CheckReport;
  if (running) {
    trustApi(state);
    await checkLab(state.apiUrl, checker, 0);
    const invariants = checker.report();
    report = { ...invariants, results: [...invariants.results, await replayEqualsLive(state.apiUrl), await watchOrder(state.apiUrl)] };
  } else {
    const file = logDatabaseOf(dataDir, values.database);
    if (!isPostgresUrl(file) && !existsSync(file)) throw new UsageError(`no lab is running from ${dataDir} and it holds no event log (${file}); start one with kubelab up, or give the --data-dir of a lab (or the --database of one on PostgreSQL)`);
    const readable = await checkFile(file, checker);
    const invariants = checker.report();
    report = { ...invariants, results: [readable, ...invariants.results, skippedWithoutLab('replay-equals-live'), skippedWithoutLab('watch-order')] };
  }
  process.stdout.write(formatReport(report).map((l) => `${l}\n`).join(''));
  return reportFailed(report) ? 1 : 0;
}
