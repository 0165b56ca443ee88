/** `kubelab verify`: replays the whole event log and checks it equals the live objects. */
import { Command } from 'commander';
import { labApi } from '../cli/lab.js';
import { dataDirOption, kubeconfigOption, type Done, type LabApiOptions } from '../cli/options.js';
import { verify } from '../replay.js';

/** `kubelab verify` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('verify')
    .summary('check the replayed log equals the live objects')
    .description('replays the whole log and checks it equals the live objects; exit 1 if not')
    .addOption(dataDirOption())
    .addOption(kubeconfigOption())
    .action(async (options: LabApiOptions) => done(await work(options)));
}

/** Prints where the replayed log and the live objects differ; exit 1 if they do. */
export async function run(values: LabApiOptions): Promise<number> {
  const result = await verify(labApi(values));
  process.stdout.write(result.lines.map((l) => `${l}\n`).join(''));
  return result.agree ? 0 : 1;
}
