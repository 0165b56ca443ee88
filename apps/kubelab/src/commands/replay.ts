/** `kubelab replay --at`: the cluster's nodes and pods as they were at a point of the log, rebuilt from it. */
import { Command } from 'commander';
import { labApi } from '../cli/lab.js';
import { logPoint, outputFormat, outputOption } from '../cli/log-options.js';
import { dataDirOption, kubeconfigOption, type Done, type LabApiOptions } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { replayAt } from '../replay.js';

/** `kubelab replay`'s options: the point of the log and the output format. */
export interface ReplayOptions extends LabApiOptions {
  at?: string;
  output?: string;
}

/** `kubelab replay` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('replay')
    .summary('the cluster as it was at a point of the log')
    .description('the nodes and pods (with STATUS) as they were then, rebuilt from the event log')
    .option('--at <SEQ|DURATION|TIME>', 'the point of the log: a seq, a duration ago (30s, 5m, 1h30m) or an RFC 3339 time')
    .addOption(outputOption())
    .addOption(dataDirOption())
    .addOption(kubeconfigOption())
    .action(async (options: ReplayOptions) => done(await work(options)));
}

/** Prints the nodes and pods as they were at --at. */
export async function run(values: ReplayOptions): Promise<number> {
  if (values.at === undefined) throw new UsageError('replay needs --at SEQ|DURATION|TIME: the point of the log to rebuild the cluster at');
  const point = logPoint(values.at, 'at');
  const lines = await replayAt(labApi(values), point, outputFormat(values.output));
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}
