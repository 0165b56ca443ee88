/** `kubelab down`: stops the lab running from a data dir, and every process it started. */
import { Command } from 'commander';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { alive, readLabState, removeLabState } from '../lab-state.js';
import { leftovers, stopLeftovers, stopLeftoversOf } from '../leftovers.js';

/** `kubelab down` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('down').summary('stop the lab').description('stops the lab and every process it started').addOption(dataDirOption())
    .action(async (options: DataDirOption) => done(await work(options)));
}

/** Stops the lab of the data dir, or what a lab that was not stopped cleanly left running. */
export async function run(values: DataDirOption): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  if (!state) {
    process.stdout.write(`kubelab: no lab is running from ${dataDir}\n`);
    return 0;
  }
  if (!alive(state.supervisorPid)) {
    await stopLeftoversOf(state, dataDir, (text) => process.stdout.write(text));
    removeLabState(dataDir);
    process.stdout.write(`kubelab: stopped the lab in ${dataDir}\n`);
    return 0;
  }
  process.kill(state.supervisorPid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (alive(state.supervisorPid) || leftovers(state).length > 0)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopLeftovers(leftovers(state), 0);
  removeLabState(dataDir);
  process.stdout.write(`kubelab: stopped the lab in ${dataDir}\n`);
  return 0;
}
