/**
 * `kubelab node add`: lets more nodes join, each agent with a NATS user that may act only for its node.
 * `kubelab node mark-control-plane`: kubeadm's mark-control-plane phase, for the compose lab, which has no supervisor to run it.
 */
import { Command, Option } from 'commander';
import { labApi } from '../cli/lab.js';
import { dataDirOf, dataDirOption, type DataDirOption, type Done, type LabApiOptions } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { controlPlaneNode } from '../components.js';
import { readLabState } from '../lab-state.js';
import { controlPlaneLabels, markControlPlaneWhenRegistered } from '../mark-control-plane.js';
import { addNodeUsers } from '../nats-auth.js';
import { reloadLabNats } from '../nats-reload.js';

/** How long `node mark-control-plane` waits for the node: a compose lab on a busy machine takes minutes to start its agents. */
const markTimeoutMs = 5 * 60_000;

/** `kubelab node` and its commands on the command line. */
export function command(work: { add: typeof runAdd; markControlPlane: typeof runMarkControlPlane }, done: Done): Command {
  const node = new Command('node').summary('the lab\'s nodes, each with a NATS user of its own').description(`the lab's nodes: each node's kubelet-agent signs in to NATS as its own user, which may act only for that node;
the ${controlPlaneNode} node carries kubeadm's control-plane labels`);
  node
    .command('add')
    .summary('let nodes join: a NATS user for each one\'s agent')
    .description(`lets nodes join the lab, as a join token does for kubeadm join: a NATS user for each NAME's kubelet-agent
(its nkey seed in DIR/nats/users/kubelet-NAME.nk), which NATS takes at once; the agent then signs in
with --nats-nkey and may act only as the kubelet of NAME (NodeRestriction)`)
    .argument('<NAME...>')
    .addOption(dataDirOption())
    .action(async (names: string[], options: DataDirOption) => done(await work.add(names, options)));
  node
    .command('mark-control-plane')
    .summary(`label the ${controlPlaneNode} node as kubeadm does, once it has registered`)
    .description(`kubeadm's mark-control-plane phase: labels the ${controlPlaneNode} node ${Object.keys(controlPlaneLabels).join(' and ')},
which its own kubelet may not set; waits up to ${markTimeoutMs / 60_000} minutes for it to register. kubelab up does it itself; the compose
lab runs it in its mark-control-plane service`)
    .addOption(dataDirOption())
    .addOption(new Option('--kubeconfig <FILE>', 'the lab this kubeconfig names (the compose lab: .kubelab/compose-kubeconfig)'))
    .action(async (options: LabApiOptions) => done(await work.markControlPlane(options)));
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

/** Labels the controlplane node of the lab (the running lab of the data dir, or the one --kubeconfig names) once it has registered. */
export async function runMarkControlPlane(values: LabApiOptions): Promise<number> {
  await markControlPlaneWhenRegistered(labApi(values), markTimeoutMs);
  process.stdout.write(`kubelab: marked the node ${controlPlaneNode} as control-plane by adding the labels: [${Object.keys(controlPlaneLabels).join(' ')}]\n`);
  return 0;
}
