/** The lab's processes, started for a benchmark run and stopped after it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@kubelab/testing';
import { Agent as UndiciAgent, fetch } from 'undici';
// @ts-expect-error: kubelab's bin is plain JavaScript, without declarations.
import { bundleFile, ensureBundles } from '../../../apps/kubelab/bin/bundle.mjs'; // eslint-disable-line @nx/enforce-module-boundaries -- the bin's builder, plain JavaScript in no library: the bench builds the bundles as the bin does

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Node's flags and environment for `kubelab up`, as `npm start` (package.json) runs it (components.ts nodeFlags and labProcessEnv). */
export const nodeFlags = ['--max-semi-space-size=2', '--heap-growing-percent=50'];
/** The api-server's (components.ts apiServerNodeFlags). */
const apiServerNodeFlags = ['--max-semi-space-size=16', '--heap-growing-percent=50', '--expose-gc'];
export const supervisorEnv = { ...process.env, MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

/** A bench flag's number: `fallback` when not given (undefined: none), refused unless more than 0. */
export function positiveFlag(flag: string, value: string | undefined, fallback?: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (n === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a number > 0`);
  return n;
}

/** The pods a node of the benches' labs holds: the kubelet's --max-pods, which their agents keep at its default. */
export const podsPerNode = 110;

/** Refuses a run whose pods could never all be Running, rather than waiting out its timeout for them. */
export function refuseOverCapacity(nodes: number, pods: number): void {
  if (pods > nodes * podsPerNode) {
    throw new Error(`--pods ${pods} cannot all run on ${nodes} node(s) of ${podsPerNode} pods each (the kubelet's --max-pods): give --nodes ${Math.ceil(pods / podsPerNode)} or more, or fewer --pods`);
  }
}

export interface Started {
  url: string;
  pid: number;
  stop: () => void;
}

let componentLogDir: string | undefined;

/** From now on each component started writes its stderr (where a crash says why) to DIR/<app>-<pid>.log. */
export function keepComponentLogs(dir: string): void {
  componentLogDir = dir;
}

/**
 * A service as the lab runs it: its bundle (built by kubelab's bin when a source changed), with the lab's V8 flags and
 * environment, so what the benches measure is what `kubelab up` starts.
 */
function labProcess(entry: string, args: string[], flags = nodeFlags): ChildProcess {
  const stderr = componentLogDir ? openSync(join(componentLogDir, `${basename(dirname(dirname(entry)))}-${Date.now()}.log`), 'a') : 'ignore';
  return spawn(process.execPath, [...flags, bundleFile(root, entry), ...args], { cwd: root, stdio: ['ignore', 'ignore', stderr], env: supervisorEnv });
}

/** Builds the services' bundles when a source is newer than them (as `kubelab` does before it starts a lab). */
export const buildBundles = (): Promise<void> => ensureBundles(root);

async function until(ready: () => Promise<boolean>, what: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${what} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Where the bench's nats-server logs in DIR (its slow consumers among what it says). */
export const natsLogIn = (dir: string) => join(dir, 'nats.log');

/** nats-server with JetStream on a free port. */
export async function startNats(dir: string): Promise<Started> {
  const port = await freePort();
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(dir, 'nats'), '-l', natsLogIn(dir)], { stdio: 'ignore' });
  const open = () => new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
  await until(open, 'nats-server', child);
  return { url: `nats://127.0.0.1:${port}`, pid: child.pid!, stop: () => void child.kill('SIGKILL') };
}

/** The api-server over HTTPS, authenticating every request, with `--authorization-mode` RBAC or AlwaysAllow; its PKI in DIR/pki. */
export async function startSecureApiServer(dir: string, authorizationMode: 'RBAC' | 'AlwaysAllow'): Promise<Started> {
  const port = await freePort();
  const child = labProcess('apps/api-server/src/main.ts', ['--port', String(port), '--database', join(dir, 'api.sqlite'), '--authorization-mode', authorizationMode], apiServerNodeFlags);
  const url = `https://127.0.0.1:${port}`;
  const caFile = join(dir, 'pki', 'ca.crt');
  const answers = async () => existsSync(caFile) && (await fetch(`${url}/readyz`, { dispatcher: new UndiciAgent({ connect: { ca: readFileSync(caFile, 'utf8') } }) }).then((r) => r.ok, () => false));
  await until(answers, 'the api-server', child);
  return { url, pid: child.pid!, stop: () => void child.kill('SIGTERM') };
}

/** The SQLite file the bench's api-server logs to in DIR, unless it is given a database URL. */
export const sqliteFileIn = (dir: string) => join(dir, 'api.sqlite');

/**
 * The api-server on a free port with its own database (and NATS when given), on plain HTTP: the bench measures the control plane, not TLS.
 * `database` is a PostgreSQL URL to log to instead of the SQLite file in DIR.
 */
export async function startApiServer(dir: string, natsUrl?: string, database?: string): Promise<Started> {
  const port = await freePort();
  const child = labProcess('apps/api-server/src/main.ts', ['--port', String(port), '--database', database ?? sqliteFileIn(dir), '--insecure-http', ...(natsUrl ? ['--nats-url', natsUrl] : [])], apiServerNodeFlags);
  const url = `http://127.0.0.1:${port}`;
  await until(() => fetch(`${url}/readyz`).then((r) => r.ok, () => false), 'the api-server', child);
  return { url, pid: child.pid!, stop: () => void child.kill('SIGTERM') };
}

export interface AgentOptions {
  /** Node names are prefix1 … prefixN. */
  prefix?: string;
  /** The first node's index, for its pod CIDR; agents sharing a lab need disjoint ranges. */
  indexBase?: number;
  timeScale?: number;
  /** false: the agent accounts no resource use (--no-usage), to measure what the accounting costs. */
  usage?: boolean;
}

/** One kubelet-agent process hosting `nodes` nodes (sim-1 … sim-N unless told otherwise). */
export async function startAgent(apiUrl: string, natsUrl: string, nodes: number, options: AgentOptions = {}): Promise<Started> {
  const prefix = options.prefix ?? 'sim-';
  const child = labProcess('apps/kubelet-agent/src/main.ts', [
    '--nats-url', natsUrl, '--nodes', String(nodes), '--node-prefix', prefix, '--catalog', join(root, 'deploy/images.yaml'),
    '--node-index', String(options.indexBase ?? 1), '--time-scale', String(options.timeScale ?? 1), ...(options.usage === false ? ['--no-usage'] : []),
  ]);
  const count = async () => ((await fetch(`${apiUrl}/api/v1/nodes`).then((r) => r.json(), () => ({ items: [] }))) as { items: { metadata: { name: string } }[] })
    .items.filter((n) => n.metadata.name.startsWith(prefix)).length;
  await until(async () => (await count()) >= nodes, 'the agent', child, 60_000);
  return { url: '', pid: child.pid!, stop: () => void child.kill('SIGTERM') };
}

/** The scheduler, alone (no election); returns at once, the caller watches for bindings. */
export function startScheduler(natsUrl: string, timeScale = 1): Started {
  const child = labProcess('apps/scheduler/src/main.ts', ['--nats-url', natsUrl, '--leader-elect', 'false', '--time-scale', String(timeScale)]);
  return { url: '', pid: child.pid!, stop: () => void child.kill('SIGTERM') };
}

/** The controller-manager, alone (no election). */
export function startControllerManager(natsUrl: string, timeScale = 1): Started {
  const child = labProcess('apps/controller-manager/src/main.ts', ['--nats-url', natsUrl, '--leader-elect', 'false', '--time-scale', String(timeScale)]);
  return { url: '', pid: child.pid!, stop: () => void child.kill('SIGTERM') };
}
