/**
 * `kubelab ssh NODE [COMMAND…]`: root's shell on a node, as `ssh root@NODE` gives it on a kubeadm node: the node's
 * own disk, hostname and network, not a pod. Without a command it is interactive (a terminal when this one is), with
 * one it runs it and exits with its status; 255 when the node cannot be reached, as ssh does. The session is in the
 * event log as the learner's (node-session-record.ts), the cause of what it does on the node.
 */
import { natsServers, openContainerStream, type ApiStream, type StreamEnd } from '@kubelab/bus';
import { Command } from 'commander';
import { connect } from 'nats';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { agentNodes, alive, readLabState } from '../lab-state.js';
import { adminNatsOptions, adminNkeyFile } from '../nats-auth.js';
import { recordNodeSession } from '../node-session-record.js';

/** ssh's status when it could not connect or the session broke. */
const sshFailed = 255;

/** `kubelab ssh` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('ssh')
    .summary('a root shell on a node, or one command there')
    .description(`opens root's shell on NODE, as ssh does on a kubeadm node: its own disk (/etc/kubernetes,
/var/lib/kubelet/config.yaml, the kubelet's systemd unit), hostname and network; pods' hostPath volumes
and kubectl debug node/NODE's /host see the same disk. With COMMAND, runs it there and exits with its
status (kubelab ssh node-1 -- cat /var/lib/kubelet/config.yaml); without, a terminal when this is one`)
    .argument('<NODE>')
    .argument('[COMMAND...]')
    .addOption(dataDirOption())
    .allowUnknownOption()
    .action(async (node: string, commandWords: string[], options: DataDirOption) => done(await work(node, commandWords, options)));
}

/** The exit status a session's end stands for: the command's, or 255 with why when it never ran to its end. */
export function sessionStatus(end: StreamEnd): { code: number; message?: string } {
  const status = end.status as { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } };
  if (status.status === 'Success') return { code: 0 };
  const exitCode = status.reason === 'NonZeroExitCode' ? status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message : undefined;
  if (exitCode !== undefined && /^\d+$/.test(exitCode)) return { code: Number(exitCode) };
  return { code: sshFailed, message: status.message ?? 'the session ended without a status' };
}

/** Runs the session on the node with this terminal; resolves to its exit status. */
export async function run(node: string, commandWords: string[], values: DataDirOption): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  if (!state || !alive(state.supervisorPid)) throw new UsageError(`no lab runs in ${dataDir}; start one with kubelab up (or name its folder with --data-dir)`);
  const found = await recordNodeSession(state.natsUrl, adminNkeyFile(dataDir), node, commandWords);
  // A spare machine of the lab (kubelab up --spare-nodes) has no Node until kubeadm join: it is let in, unrecorded.
  const machine = state.processes.some((p) => agentNodes(p).includes(node));
  if (found && 'noSuchNode' in found && !machine) return unknownHost(node);
  const record = found && 'seq' in found ? found : undefined;
  const nc = await connect({ servers: natsServers(state.natsUrl), name: 'kubelab-ssh', ...adminNatsOptions(dataDir) });
  try {
    const tty = commandWords.length === 0 && process.stdin.isTTY === true && process.stdout.isTTY === true;
    const opened = await openContainerStream(nc, node, {
      kind: 'ssh', namespace: '', pod: '', podUid: '', command: commandWords, stdin: true, stdout: true, stderr: !tty, tty, user: 'kubelab-admin',
      ...(record ? { recordSeq: record.seq } : {}),
    });
    if (!opened.ok) return unknownHost(node);
    const { code, message } = sessionStatus(await converse(opened.stream, tty));
    if (message) process.stderr.write(`ssh: ${message}\n`);
    return code;
  } finally {
    await nc.close();
  }
}

/** What ssh says of a host it cannot find, with where the lab's names are. */
function unknownHost(node: string): number {
  process.stderr.write(`ssh: Could not resolve hostname ${node}: Name or service not known (kubectl get nodes lists the lab's nodes)\n`);
  return sshFailed;
}

/** Wires this process's stdin, stdout and terminal to the session until it ends. */
async function converse(stream: ApiStream, tty: boolean): Promise<StreamEnd> {
  const stdin = process.stdin;
  const resize = () => stream.resize(process.stdout.columns, process.stdout.rows);
  if (tty) {
    stdin.setRawMode(true);
    resize();
    process.stdout.on('resize', resize);
  }
  stream.onData((channel, data) => new Promise<void>((resolve) => {
    const out = channel === 2 ? process.stderr : process.stdout;
    if (out.write(data)) resolve();
    else out.once('drain', resolve);
  }));
  const input = (data: Buffer) => {
    stdin.pause();
    void stream.write(data).then(() => stdin.resume());
  };
  const eof = () => stream.end();
  stdin.on('data', input);
  stdin.once('end', eof);
  try {
    return await stream.done;
  } finally {
    stdin.off('data', input);
    stdin.off('end', eof);
    stdin.pause();
    if (tty) {
      process.stdout.off('resize', resize);
      stdin.setRawMode(false);
    }
  }
}
