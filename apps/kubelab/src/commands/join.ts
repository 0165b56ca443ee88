/** `kubelab join`: runs the nodes of a join-command's token on this host until Ctrl-C (its work: join.ts). */
import { Command } from 'commander';
import { root } from '../cli/lab.js';
import type { Done } from '../cli/options.js';
import { joinLab, type JoinOptions } from '../join.js';

/** Runs the token's agent from the workspace's bundle, with its image catalog. */
export const run = (options: JoinOptions): Promise<number> => joinLab(root, options);

/** `kubelab join` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('join')
    .summary('run nodes of a lab on another host, from a join-command\'s token')
    .description(`runs the kubelet-agent of the token's nodes on this host, in the foreground, until Ctrl-C: as kubeadm
join, from the line kubelab join-command printed on the lab's host. Nothing is shared with that host but
NATS: no data dir; the agent's credentials stay in a private temporary folder removed when it stops.
KUBELAB_NATS_URL and KUBELAB_JOIN_TOKEN stand for the options (the compose service "join")`)
    .option('--nats-url <URL,…>', 'the lab\'s NATS: nats://HOST:PORT, or several separated by commas')
    .option('--token <TOKEN>', 'the join token')
    .option('--token-file <FILE>', 'a file that holds the join token')
    .action(async (options: JoinOptions) => done(await work(options)));
}
