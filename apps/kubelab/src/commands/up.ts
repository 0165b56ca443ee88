/**
 * `kubelab up`: checks the command line and the machine (ports, NATS, PostgreSQL), then runs the lab
 * in the foreground (supervisor.ts), or starts the same `up` in the background with --detach and
 * returns once it is ready.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { labSecretFile, natsServers, readSecret } from '@kubelab/bus';
import { isPostgresUrl, maskDatabase } from '@kubelab/event-store';
import { Command } from 'commander';
import { kubelabBin, root } from '../cli/lab.js';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { bigLabHint, componentNames, type LabSettings } from '../components.js';
import { alive, readLabState, removeLabState } from '../lab-state.js';
import { stopLeftoversOf } from '../leftovers.js';
import { rememberLabDatabase } from '../log-file.js';
import type { NatsMember } from '../nats-auth.js';
import { portOwner, portTakenMessage } from '../port-owner.js';
import { freePort, portInUse, reachable } from '../ports.js';
import { runLab } from '../supervisor.js';
import { whatNext } from '../what-next.js';

/** `kubelab up`'s options as commander parses them: every value still the text typed. */
export interface UpOptions extends DataDirOption {
  detach?: boolean;
  apiPort?: string;
  dashboardPort?: string;
  ingressPort?: string;
  ingressTlsPort?: string;
  acceptHosts?: string;
  nodes?: string;
  nodesPerAgent?: string;
  spareNodes?: string;
  controlPlane?: boolean;
  timeScale?: string;
  components?: string;
  natsUrl?: string;
  natsCluster?: string;
  apiServers?: string;
  natsListen?: string;
  insecureHttp?: boolean;
  recordWatchDeliveries?: boolean;
  database?: string;
}

/** `kubelab up` on the command line; `work` gets the options and the arguments after `up`, for --detach to start the same `up` again. */
export function command(work: typeof run, done: Done): Command {
  return new Command('up')
    .summary('start the lab')
    .description(`starts the lab; the API serves HTTPS with a certificate from the lab's CA (DIR/pki/ca.crt, made on the first start)`)
    .option('--detach', 'start in the background and return once the lab is ready')
    .addOption(dataDirOption())
    .option('--api-port <PORT>', 'the API\'s port (default: 6443; 0: a free one, which lab.json names)')
    .option('--dashboard-port <PORT>', 'the dashboard\'s port (default: 6480, or a free one; 0: a free one)')
    .option('--ingress-port <PORT>', 'the Ingress controller\'s HTTP port on 127.0.0.1 (default: 8080, or a free one when it is taken; 0: a free one)')
    .option('--ingress-tls-port <PORT>', 'the Ingress controller\'s HTTPS port on 127.0.0.1 (default: 8443, or a free one when it is taken; 0: a free one)')
    .option('--accept-hosts <REGEXPS>', 'the Host names the dashboard answers, as kubectl proxy\'s --accept-hosts (default: ^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$)')
    .option('--nodes <N>', 'how many worker nodes, node-1 … node-N, beside the controlplane node (default: 3)')
    .option('--nodes-per-agent <K>', 'worker nodes each kubelet-agent hosts, node-1 … node-K in the first (default: 1, an agent per node): a bigger lab in less memory and CPU, but an agent\'s drills (kill-agent, pause-agent, partition) take all its nodes down together')
    .option('--spare-nodes <M>', 'M more machines, node-N+1 … node-N+M, with kubeadm\'s packages but not joined: their kubelet waits for the kubeadm join that kubeadm token create --print-join-command prints')
    .option('--no-control-plane', 'workers only: no controlplane node, no kube-system add-ons (CoreDNS, kube-proxy, kindnet); a lighter lab whose agents answer pods\' DNS themselves')
    .option('--time-scale <X>', 'how much faster than real time the lab runs (default: 1)')
    .option('--components <C,…>', `the components to run (default: ${componentNames.join(',')})`)
    .option('--nats-url <URL>', 'use the NATS server at nats://HOST:PORT (started when it does not answer); comma-separated for a NATS cluster\'s members')
    .option('--api-servers <N>', 'run N api-servers on one PostgreSQL event log (needs --database postgres://…; SQLite takes one): api-server, api-server-2 …; the kubeconfig names the first')
    .option('--nats-cluster <N>', 'start a NATS cluster of N members (nats-1 … nats-N, at least 3) instead of one server; JetStream keeps 3 copies of each bucket')
    .option('--nats-listen <ADDRESS>', 'the address the lab\'s NATS listens on: 0.0.0.0 lets nodes join from other hosts (default: 127.0.0.1)')
    .option('--insecure-http', 'serve plain HTTP instead of HTTPS, for debugging')
    .option('--record-watch-deliveries', 'the api-server notes what each watch is sent, for kubelab check (a test mode)')
    .option('--database <URL>', 'keep the event log in PostgreSQL at postgres://USER:PASSWORD@HOST:PORT/DB (default: DIR/events.sqlite; also KUBELAB_DATABASE)')
    .action(async (options: UpOptions, self: Command) => done(await work(options, self.parent!.args.slice(1))));
}

/** --accept-hosts as given, once each of its comma-separated regular expressions compiles. */
function acceptHostsFlag(list: string): string {
  for (const part of list.split(',')) {
    try {
      new RegExp(part);
    } catch (e) {
      throw new UsageError(`--accept-hosts: "${part}" is not a regular expression: ${(e as Error).message}`);
    }
  }
  return list;
}

/** The dashboard's port unless it is taken, when the dashboard binds a free one itself. */
const defaultDashboardPort = 6480;

/** A TCP port flag: 0 asks the component to bind a free port itself (lab.json then says which). */
function portNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--${flag} must be a port from 1 to 65535, or 0 for one the lab picks itself; got "${value}"`);
  return n;
}

/** A port the lab was told to listen on and somebody holds: said in words, with who holds it when this machine tells. */
async function refuseTakenPort(flag: string, port: number): Promise<void> {
  if (port !== 0 && (await portInUse(port))) throw new UsageError(portTakenMessage(flag, port, portOwner(port)));
}

function positiveNumber(value: string | undefined, flag: string, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new UsageError(`--${flag} must be a positive ${integer ? 'whole ' : ''}number, got "${value}"`);
  return n;
}

/** Starts the lab; resolves to the exit code once it stopped (or, with --detach, once it is ready). */
export async function run(values: UpOptions, argv: string[]): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  const apiPort = portNumber(values.apiPort, 'api-port', 6443);
  const selected = values.components ? values.components.split(',').map((c) => c.trim()) : componentNames;
  const unknown = selected.filter((c) => !componentNames.includes(c));
  if (unknown.length) throw new UsageError(`unknown component(s): ${unknown.join(', ')}; known: ${componentNames.join(', ')}`);
  const existing = readLabState(dataDir);
  if (existing && alive(existing.supervisorPid)) {
    throw new UsageError(`a lab is already running from ${dataDir} (pid ${existing.supervisorPid}); stop it with: kubelab down --data-dir ${dataDir}`);
  }
  if (existing) {
    // Its processes may still hold the ports this lab is about to use.
    await stopLeftoversOf(existing, dataDir, (text) => process.stdout.write(text));
    removeLabState(dataDir);
  }
  await refuseTakenPort('--api-port', apiPort);
  const dashboardPort = values.dashboardPort === undefined ? ((await portInUse(defaultDashboardPort)) ? 0 : defaultDashboardPort) : portNumber(values.dashboardPort, 'dashboard-port', defaultDashboardPort);
  if (values.dashboardPort !== undefined) await refuseTakenPort('--dashboard-port', dashboardPort);
  let natsUrl = values.natsUrl;
  let startNats = selected.includes('nats');
  const clusterSize = natsClusterSize(values);
  const natsListen = values.natsListen ?? '127.0.0.1';
  if (isIP(natsListen) === 0) throw new UsageError(`--nats-listen takes an IP address such as 0.0.0.0 (every address) or 127.0.0.1, got "${natsListen}"`);
  if (natsUrl) {
    const u = new URL(natsServersOf(natsUrl)[0]);
    if (await reachable(u.hostname, Number(u.port || 4222))) startNats = false;
    else if (!startNats) throw new UsageError(`no NATS server answers at ${natsUrl}`);
    if (!startNats && values.natsListen !== undefined) throw new UsageError(`--nats-listen is for the NATS the lab starts, and the one at ${natsUrl} runs already`);
  }
  // Ports this lab will listen on, so that the ones it picks for itself never fall on them.
  const taken = [apiPort, dashboardPort].filter((port) => port !== 0);
  const natsCluster = clusterSize ? await natsMembers(clusterSize, taken) : [];
  if (natsCluster.length) natsUrl = natsCluster.map((m) => `nats://127.0.0.1:${m.port}`).join(',');
  if (!natsUrl) {
    const natsPort = await freePort(taken);
    taken.push(natsPort);
    natsUrl = `nats://127.0.0.1:${natsPort}`;
  }
  const database = values.database ?? process.env.KUBELAB_DATABASE;
  const apiServers = positiveNumber(values.apiServers, 'api-servers', 1);
  if (apiServers > 1 && (database === undefined || !isPostgresUrl(database))) {
    throw new UsageError(`--api-servers ${apiServers} needs an event log they can share: give --database postgres://…; a SQLite file takes one api-server`);
  }
  const moreApiPorts: number[] = [];
  for (let i = 1; i < apiServers; i++) {
    moreApiPorts.push(await freePort(taken));
    taken.push(moreApiPorts[moreApiPorts.length - 1]);
  }
  // Refused here, not in the background process --detach starts, which could only point at its log.
  const nodes = positiveNumber(values.nodes, 'nodes', 3);
  const perAgent = nodesPerAgent(values);
  const timeScale = positiveNumber(values.timeScale, 'time-scale', 1, false);
  if (database !== undefined) await checkDatabase(database);
  mkdirSync(dataDir, { recursive: true });
  if (database !== undefined) rememberLabDatabase(dataDir, database);
  const hint = bigLabHint({ nodes, ...perAgent });
  if (hint) process.stdout.write(hint);
  if (values.detach) return detach(withoutDatabase(argv), dataDir, database);
  const settings: LabSettings = {
    root, dataDir, apiPort, ...(moreApiPorts.length ? { moreApiPorts } : {}), natsUrl, natsCluster, natsListen, nodes, ...perAgent,
    controlPlane: values.controlPlane !== false, ...spareNodes(values),
    timeScale,
    controlPort: 0, dashboardPort, ingressPorts: { http: portNumber(values.ingressPort, 'ingress-port', 8080), https: portNumber(values.ingressTlsPort, 'ingress-tls-port', 8443) }, ...(values.acceptHosts ? { dashboardAcceptHosts: acceptHostsFlag(values.acceptHosts) } : {}),
    insecureHttp: values.insecureHttp ?? false, recordWatchDeliveries: values.recordWatchDeliveries ?? false,
    ...(database ? { database } : {}),
  };
  process.stdout.write(`kubelab: starting ${selected.join(', ')} (data in ${dataDir})\n`);
  return runLab(settings, selected, startNats);
}

/** `--nodes-per-agent K`: the workers' agents host K nodes each; none (or 1): an agent per node, as before. */
function nodesPerAgent(values: UpOptions): { nodesPerAgent?: number } {
  const per = positiveNumber(values.nodesPerAgent, 'nodes-per-agent', 1);
  return per > 1 ? { nodesPerAgent: per } : {};
}

/** `--spare-nodes M`: machines that join with kubeadm, which only a lab with a control plane has. */
function spareNodes(values: UpOptions): { spareNodes?: number } {
  const count = positiveNumber(values.spareNodes, 'spare-nodes', 0);
  if (count > 0 && values.controlPlane === false) throw new UsageError('--spare-nodes are machines that join with kubeadm, whose token the controlplane node makes: drop --no-control-plane');
  return count > 0 ? { spareNodes: count } : {};
}

/** The members of `kubelab up --nats-cluster N`: at least three, so JetStream keeps a quorum when one is lost; none without the flag. */
function natsClusterSize(values: UpOptions): number | undefined {
  if (values.natsCluster === undefined) return undefined;
  const size = Number(values.natsCluster);
  if (!Number.isInteger(size) || size < 3) throw new UsageError(`--nats-cluster must be a whole number of members, at least 3 (JetStream's quorum survives one lost), got "${values.natsCluster}"`);
  if (values.natsUrl !== undefined) throw new UsageError('--nats-cluster starts the lab\'s own NATS cluster; --nats-url names NATS servers already running: give one or the other');
  return size;
}

/** nats-1 … nats-N on free ports of 127.0.0.1, a client port and a route port each. */
async function natsMembers(size: number, taken: number[]): Promise<NatsMember[]> {
  const members: NatsMember[] = [];
  for (let i = 1; i <= size; i++) {
    const port = await freePort(taken);
    taken.push(port);
    const clusterPort = await freePort(taken);
    taken.push(clusterPort);
    members.push({ name: `nats-${i}`, port, clusterPort });
  }
  return members;
}

/** The servers a --nats-url names; a UsageError when one is no NATS URL. */
function natsServersOf(natsUrl: string): string[] {
  try {
    return natsServers(natsUrl);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `kubelab up --database URL` is given a PostgreSQL that answers; the message names the URL without its password. */
async function checkDatabase(database: string): Promise<void> {
  if (!isPostgresUrl(database)) throw new UsageError(`--database takes a postgres://USER:PASSWORD@HOST:PORT/DB URL (a lab's SQLite log is DIR/events.sqlite, the default), got "${maskDatabase(database)}"`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: database, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw new UsageError(`no PostgreSQL answers at ${maskDatabase(database)} (${(e as Error).message}); start one (Debian/Ubuntu: sudo apt-get install -y postgresql) and create the database, or fix the URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The `up` arguments without --database URL: the background `up` gets it in its environment, out of `ps`. */
function withoutDatabase(argv: string[]): string[] {
  return argv.filter((a, i) => a !== '--database' && argv[i - 1] !== '--database' && !a.startsWith('--database='));
}

/** Starts the same `up` in the background and returns once it is ready. */
async function detach(argv: string[], dataDir: string, database?: string): Promise<number> {
  const log = join(dataDir, 'logs');
  mkdirSync(log, { recursive: true });
  const fd = openSync(join(log, 'kubelab.log'), 'a');
  const args = [kubelabBin, 'up', ...argv.filter((a) => a !== '--detach')];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, ...(database ? { KUBELAB_DATABASE: database } : {}) } });
  child.unref();
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const state = readLabState(dataDir);
    if (state?.ready) {
      const lines = whatNext(state, dataDir, process.cwd(), `stop it with: kubelab down --data-dir ${dataDir}`, readSecret(labSecretFile(dataDir)) ?? '');
      process.stdout.write(`kubelab is up (pid ${state.supervisorPid}).\n${lines.map((l) => `${l}\n`).join('')}`);
      return 0;
    }
    if (child.exitCode !== null) {
      process.stderr.write(`kubelab: the lab failed to start; see ${join(log, 'kubelab.log')}\n`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write(`kubelab: the lab did not become ready in 90 s; see ${join(log, 'kubelab.log')}\n`);
  return 1;
}
