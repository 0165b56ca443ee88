/** `kubelab join-command`: on the lab's host, a NATS user for an agent of new nodes and the one line that starts it elsewhere (its work: join.ts). */
import { Command } from 'commander';
import { dataDirOption, type Done } from '../cli/options.js';
import { joinCommand, type JoinCommandOptions } from '../join.js';

/** The work, beside `kubelab join`'s in join.ts: the two share the join token's making and reading. */
export const run = joinCommand;

/** `kubelab join-command` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('join-command')
    .summary('print the command that joins new nodes from another host')
    .description(`on the lab's host, while the lab runs, as kubeadm token create --print-join-command: gives an agent of
--nodes new nodes (PREFIX-xxxxx-1…N) a NATS user of its own, which may act only as their kubelet, and
prints one line that starts it on any host with kubelab installed. That host must reach the lab's
NATS: start the lab with kubelab up --nats-listen 0.0.0.0 (the line names this host's address, or
--advertise HOST)`)
    .option('--nodes <N>', 'how many nodes the agent hosts (default: 1)')
    .option('--node-prefix <NAME>', 'the nodes are NAME-xxxxx-1…N (default: worker)')
    .option('--advertise <HOST>', 'the address other hosts reach the lab\'s NATS at (default: the one it listens on)')
    .addOption(dataDirOption())
    .action(async (options: JoinCommandOptions) => done(await work(options)));
}
