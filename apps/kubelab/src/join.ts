/**
 * Agents that join the lab from another host, as kubeadm's `token create --print-join-command`
 * and `kubeadm join` do for kubelets. `kubelab join-command`, on the lab's host while the lab runs,
 * gives a new agent process its own NATS user (which may act only as the kubelet of its new nodes),
 * has NATS take it at once, and prints one line to copy. `kubelab join` on any host with kubelab
 * installed starts that agent in the foreground: no data dir, nothing shared with the lab's host
 * but NATS; its seed and static pod folder live in a private temporary folder removed when it stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, busConnectionOptions, type BusIdentity } from '@kubelab/bus';
import { connect, ErrorCode, type NatsError } from 'nats';
import { dataDirOf, type DataDirOption } from './cli/options.js';
import { UsageError } from './cli/usage-error.js';
import { bundleName } from './components.js';
import {
  advertisedNatsUrls, advertiseHost, decodeJoinToken, encodeJoinToken, joinLine, joinNodeNames, JoinTokenError, maxJoinNodes, newNodePrefix, parseNatsUrls, type JoinGrant,
} from './join-token.js';
import { alive, readLabState } from './lab-state.js';
import { addAgentUser, labNodesWithUsers } from './nats-auth.js';
import { reloadLabNats } from './nats-reload.js';

/** `kubelab join-command`'s options: how many nodes, their names' prefix, and the address other hosts reach the lab's NATS at. */
export interface JoinCommandOptions extends DataDirOption {
  nodes?: string;
  nodePrefix?: string;
  advertise?: string;
}
/** `kubelab join`'s options; the environment's KUBELAB_NATS_URL and KUBELAB_JOIN_TOKEN stand for them. */
export interface JoinOptions {
  natsUrl?: string;
  token?: string;
  tokenFile?: string;
}

const say = (line: string) => process.stderr.write(`kubelab: ${line}\n`);

/** A JoinTokenError is a mistake in what the user gave: exit 2 with its message. */
function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    throw e instanceof JoinTokenError ? new UsageError(e.message) : e;
  }
}

/** `kubelab join-command`: a NATS user for a new agent of `--nodes` new nodes, and the one line that starts it elsewhere. */
export async function joinCommand(values: JoinCommandOptions): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  if (!state || !alive(state.supervisorPid)) {
    throw new UsageError(`no lab is running from ${dataDir}; start one first, with its NATS open to other hosts: kubelab up --nats-listen 0.0.0.0`);
  }
  const nodes = Number(values.nodes ?? 1);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > maxJoinNodes) throw new UsageError(`--nodes must be a whole number from 1 to ${maxJoinNodes}, got "${values.nodes}"`);
  const nodePrefix = asUsage(() => newNodePrefix(values.nodePrefix ?? 'worker', nodes));
  const names = joinNodeNames({ nodePrefix, nodes });
  const labUrls = asUsage(() => parseNatsUrls(state.natsUrl, 'the lab\'s NATS URL'));
  const listen = state.natsListen ?? new URL(labUrls[0]).hostname;
  const advertised = advertiseHost(listen, networkInterfaces(), values.advertise);
  // The new nodes follow every node the lab has given a user so far, so their pod CIDRs and addresses are their own.
  const nodeIndex = labNodesWithUsers(dataDir).length + 1;
  let seedFile: string;
  try {
    seedFile = addAgentUser(dataDir, names);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  await reloadLabNats(dataDir, state, seedFile);
  const seed = readFileSync(seedFile, 'utf8').trim();
  const token = encodeJoinToken({ seed, nodePrefix, nodes, nodeIndex, timeScale: state.timeScale });
  say(`${names.join(', ')} may join the lab; on the host that will run them, with kubelab installed, run:`);
  if (advertised.note) say(`note: ${advertised.note}`);
  process.stdout.write(`${joinLine(advertisedNatsUrls(labUrls, advertised.host), token)}\n`);
  return 0;
}

/** The token from --token, --token-file or KUBELAB_JOIN_TOKEN (the compose service's). */
function tokenOf(values: JoinOptions, env: NodeJS.ProcessEnv): string {
  if (values.token !== undefined && values.tokenFile !== undefined) throw new UsageError('give the join token once: --token or --token-file');
  if (values.token !== undefined) return values.token;
  if (values.tokenFile !== undefined) {
    try {
      return readFileSync(values.tokenFile, 'utf8');
    } catch (e) {
      throw new UsageError(`--token-file ${values.tokenFile} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (env.KUBELAB_JOIN_TOKEN) return env.KUBELAB_JOIN_TOKEN;
  throw new UsageError('join needs --token TOKEN (or --token-file FILE, or KUBELAB_JOIN_TOKEN): the token kubelab join-command printed on the lab\'s host');
}

/** Signs in to NATS as the token's agent once, so a token NATS does not know, or a NATS out of reach, is told before anything starts. */
async function checkAdmission(urls: string[], identity: BusIdentity, seedFile: string): Promise<void> {
  const nc = await connect({ servers: urls, ...busConnectionOptions(identity, seedFile), reconnect: false, timeout: 5_000 }).catch((e: NatsError) => e);
  if (!(nc instanceof Error)) return nc.close();
  const where = urls.join(',');
  if (nc.code === ErrorCode.AuthorizationViolation) {
    throw new Error(`the lab's NATS at ${where} does not know this join token: it was made for another lab, or the lab's data dir was made anew since; print a new one with kubelab join-command on the lab's host`);
  }
  throw new Error(`no NATS answers at ${where} (${nc.code ?? nc.message}): is the lab running, and does its NATS listen on an address this host reaches (kubelab up --nats-listen 0.0.0.0)?`);
}

/** Prints each node's progress (registered, then Ready), reading the Nodes as their kubelet may; resolves once all are Ready. */
async function reportProgress(natsUrl: string, identity: BusIdentity, seedFile: string, names: string[], stopped: () => boolean): Promise<void> {
  const client = await ApiClient.connect(natsUrl, 'kubelab-join', identity, seedFile);
  const nodesRef = { group: '', version: 'v1', plural: 'nodes' };
  const seen = new Map<string, 'registered' | 'Ready'>();
  try {
    while (!stopped() && [...seen.values()].filter((s) => s === 'Ready').length < names.length) {
      for (const name of names.filter((n) => seen.get(n) !== 'Ready')) {
        const node = await client.get(nodesRef, '', name).catch(() => undefined);
        if (!node) continue;
        if (!seen.has(name)) say(`node ${name} registered`);
        seen.set(name, 'registered');
        if ((node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) {
          say(`node ${name} is Ready`);
          seen.set(name, 'Ready');
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!stopped()) say(`${names.length === 1 ? 'the node has' : `all ${names.length} nodes have`} joined the lab; Ctrl-C stops ${names.length === 1 ? 'it' : 'them'}`);
  } finally {
    await client.close();
  }
}

/** Stops the agent as the lab's supervisor would: SIGTERM, then SIGKILL after 8 s. */
function stopAgent(agent: ChildProcess, exited: Promise<unknown>): Promise<unknown> {
  if (agent.exitCode === null && agent.signalCode === null) agent.kill('SIGTERM');
  const kill = setTimeout(() => agent.kill('SIGKILL'), 8_000);
  return exited.finally(() => clearTimeout(kill));
}

/** `kubelab join`: runs the token's agent on this host until Ctrl-C (or SIGTERM); the lab's root holds the agent's bundle and the image catalog. */
export async function joinLab(root: string, values: JoinOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // The compose service passes an unset setting on as empty.
  const urlText = values.natsUrl ?? (env.KUBELAB_NATS_URL || undefined);
  if (urlText === undefined) throw new UsageError('join needs --nats-url nats://HOST:PORT (or KUBELAB_NATS_URL): the lab\'s NATS, as kubelab join-command printed it');
  const urls = asUsage(() => parseNatsUrls(urlText));
  const grant: JoinGrant = asUsage(() => decodeJoinToken(tokenOf(values, env)));
  const names = joinNodeNames(grant);
  const identity: BusIdentity = { kind: 'kubelet', nodes: names };
  // Private to this user (mkdtemp makes it 0700), and gone when the agent stops.
  const privateDir = mkdtempSync(join(tmpdir(), 'kubelab-join-'));
  try {
    const seedFile = join(privateDir, 'agent.nk');
    writeFileSync(seedFile, `${grant.seed}\n`, { mode: 0o600 });
    const manifests = join(privateDir, 'manifests');
    mkdirSync(manifests);
    await checkAdmission(urls, identity, seedFile);
    const { KUBELAB_JOIN_TOKEN: _, ...agentEnv } = env;
    const agent = spawn(process.execPath, [
      join(root, 'dist', bundleName('apps/kubelet-agent/src/main.ts')),
      '--nodes', String(grant.nodes), '--node-prefix', grant.nodePrefix, '--node-index', String(grant.nodeIndex),
      '--nats-url', urls.join(','), '--nats-nkey', seedFile, '--time-scale', String(grant.timeScale),
      '--catalog', join(root, 'dist/images.json'), '--static-pod-dir', manifests,
    ], { env: agentEnv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<number | null>((done) => agent.once('exit', (code) => done(code)));
    let stopping = false;
    const stopped = new Promise<void>((done) => {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        process.once(signal, () => {
          stopping = true;
          say(`stopping ${names.join(', ')}…`);
          void stopAgent(agent, exited).then(() => done());
        });
      }
    });
    say(`started the kubelet-agent of ${names.join(', ')} (pid ${agent.pid}); Ctrl-C stops it`);
    void reportProgress(urls.join(','), identity, seedFile, names, () => stopping || agent.exitCode !== null).catch((e: Error) => say(`cannot follow the nodes' progress: ${e.message}`));
    const code = await Promise.race([stopped.then(() => 0), exited.then((c) => (stopping ? 0 : c))]);
    if (stopping) {
      await stopped;
      say('stopped');
      return 0;
    }
    say(`the kubelet-agent exited (code ${code}) before it was stopped; its messages are above`);
    return 1;
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
}
