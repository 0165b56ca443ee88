/** `kubelab node add`: lets more nodes join, each agent with a NATS user that may act only for its node. */
import { Command } from 'commander';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { readLabState } from '../lab-state.js';
import { addNodeUsers } from '../nats-auth.js';
import { reloadLabNats } from '../nats-reload.js';

/** `kubelab node` and its command on the command line. */
export function command(work: typeof runAdd, done: Done): Command {
  const node = new Command('node').summary('the lab\'s nodes, each with a NATS user of its own').description('the lab\'s nodes: each node\'s kubelet-agent signs in to NATS as its own user, which may act only for that node');
  node
    .command('add')
    .summary('let nodes join: a NATS user for each one\'s agent')
    .description(`lets nodes join the lab, as a join token does for kubeadm join: a NATS user for each NAME's kubelet-agent
(its nkey seed in DIR/nats/users/kubelet-NAME.nk), which NATS takes at once; the agent then signs in
with --nats-nkey and may act only as the kubelet of NAME (NodeRestriction)`)
    .argument('<NAME...>')
    .addOption(dataDirOption())
    .action(async (names: string[], options: DataDirOption) => done(await work(names, options)));
  return node;
}

/** A NATS user for each node's agent, taken by the running lab's NATS at once; prints how to start each agent. */
export async function runAdd(names: string[], values: DataDirOption): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  let seeds: string[];
  try {
    seeds = addNodeUsers(dataDir, names);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const state = readLabState(dataDir);
  const natsUrl = state?.natsUrl ?? 'nats://HOST:4222';
  const when = (await reloadLabNats(dataDir, state, seeds[0])) ? 'the running lab' : `the lab once it runs (kubelab up --data-dir ${dataDir})`;
  process.stdout.write(`kubelab: ${names.join(', ')} may join ${when}; start each agent with
`);
  for (const [i, name] of names.entries()) process.stdout.write(`  kubelet-agent --node-name ${name} --nats-url ${natsUrl} --nats-nkey ${seeds[i]}
`);
  return 0;
}
