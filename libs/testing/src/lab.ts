/**
 * A whole lab for an end-to-end suite: `kubelab up --detach` in a temporary data dir, the
 * ports bound by the lab itself, the real kubectl bound to it (over HTTPS, trusting the lab CA),
 * a fetch that trusts the lab CA, and helpers to start or kill single processes of it
 * (chaos in tests).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import './provided-context.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kubectlFor, type Kubectl } from './kubectl.js';
import { labLogTails } from './lab-logs.js';
import { fetchTrusting, labCredentials, type TlsCredentials } from './lab-tls.js';
import { tempDir } from './temp-dir.js';
import { testsFailedSoFar } from './test-failures.js';
import { waitFor } from './wait-for.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const kubelabBin = join(root, 'apps/kubelab/bin/kubelab.mjs');

/**
 * The bundle of an app's main (dist/apps__<app>__src__main.mjs), what the lab itself runs: the
 * e2e run's global setup builds it from the sources when stale. A suite that starts a service of
 * its own starts this, not the sources through tsx (2 CPU-seconds more per start).
 */
export const appMain = (app: string) => join(root, 'dist', `apps__${app}__src__main.mjs`);

export interface LabProcessState {
  /** Every NATS client URL comma-separated, as --nats-url takes them. */
  natsUrl: string;
  /** The same one by one: the lab's NATS server, or each member of its cluster (kubelab up --nats-cluster N). */
  natsUrls: string[];
  apiUrl: string;
  /** The dashboard page, when the lab runs the dashboard component. */
  dashboardUrl?: string;
  /** The supervisor's control API, which asks for the lab's secret (TestLab.secret). */
  controlUrl: string;
  /** Where the lab's Ingress controller answers on the host. */
  ingressUrls?: { http: string; https: string };
  processes: { name: string; pid: number; state: 'running' | 'paused' | 'stopped' | 'exited'; restarts: number }[];
}

export interface TestLab {
  /** https://127.0.0.1:PORT */
  apiUrl: string;
  /** The namespace the suite's kubectl works in: its own on the shared lab, `default` on a lab of its own. */
  namespace: string;
  dataDir: string;
  kubectl: Kubectl;
  /** The lab CA and the admin's client certificate, as the lab's kubeconfig carries them. */
  credentials: TlsCredentials;
  /** fetch for the lab's API (a full URL under apiUrl): trusts the lab CA. */
  fetch: ReturnType<typeof fetchTrusting>;
  timeScale: number;
  /** lab.json as the supervisor wrote it. */
  state(): LabProcessState;
  /** The lab's secret (DIR/lab-secret): what its control API asks of every caller, and the dashboard's login token. */
  secret(): string;
  /** The dashboard's login link, as `kubelab up` prints it: a browser that opens it is signed in. */
  dashboardLogin(): string;
  /** Starts one more process of an app (its bundle, appMain) with the lab's NATS and time scale. */
  startProcess(app: string, args: string[]): ChildProcess;
  /** The nkey seed file `app` (with these arguments) signs in to the lab's NATS with; an agent's node joins the lab first. */
  natsUser(app: string, args: string[]): string;
  /** Runs the kubelab CLI against this lab (its --data-dir goes before a `--`), `input` on its stdin. */
  kubelab(args: string[], input?: string): { status: number | null; stdout: string; stderr: string };
  stop(): void;
}

/** Starts a lab of its own for a suite that breaks it (kills components, nodes or NATS); throws with kubelab's own message when it cannot. */
export async function startLab(options: LabOptions): Promise<TestLab> {
  const dataDir = options.dataDir ?? tempDir('lab');
  bringUp(dataDir, options);
  const lab = attachLab(dataDir, options.timeScale, 'default', () => void runKubelab(['down', '--data-dir', dataDir]));
  // A lab whose CoreDNS never serves is stopped here: the suite never gets it to stop, and its processes would outlive the run.
  if (options.controlPlane) await clusterDnsServes(lab).catch((e: Error) => {
    lab.stop();
    throw e;
  });
  return lab;
}

/**
 * Waits until CoreDNS has a replica available: `kubelab up` returns once every component runs, as `kubeadm init` does, and a
 * suite's first name lookup must not race the CoreDNS pods' start.
 */
async function clusterDnsServes(lab: TestLab): Promise<void> {
  const available = async () => Number((await lab.kubectl(['get', 'deployment', 'coredns', '-n', 'kube-system', '-o', 'jsonpath={.status.availableReplicas}'])).stdout || 0);
  await waitFor(async () => (await available()) > 0, 'CoreDNS available', 60_000, 100);
}

/** How a lab is started: `kubelab up`'s --nodes, --time-scale, --components and any further flags. */
export interface LabOptions {
  nodes: number;
  timeScale: number;
  components?: string[];
  dataDir?: string;
  upArgs?: string[];
  /**
   * kubelab up's kubeadm-shaped lab (a controlplane node, CoreDNS, kube-proxy, kindnet), as users get it; without, the lighter
   * `--no-control-plane` lab: a suite that starts its own lab to break something else need not start (and wait out) kube-system.
   */
  controlPlane?: boolean;
}

/** A whole lab's `kubelab export` outgrows spawnSync's 1 MiB default; a suite reads it all. */
const outputLimitBytes = 64 * 1024 * 1024;

const runKubelab = (args: string[], input?: string) => spawnSync(process.execPath, [kubelabBin, ...args], { encoding: 'utf8', timeout: 120_000, input, maxBuffer: outputLimitBytes });

/** `args` with the lab's --data-dir: before a `--`, after which the words are a command's (kubelab ssh NODE -- COMMAND). */
function withDataDir(args: string[], dataDir: string): string[] {
  const end = args.indexOf('--');
  return end < 0 ? [...args, '--data-dir', dataDir] : [...args.slice(0, end), '--data-dir', dataDir, ...args.slice(end)];
}

/** `kubelab up --detach` with the API and the dashboard on ports they bind themselves (port 0): lab.json then tells which, and no other process can take them in between. */
function bringUp(dataDir: string, options: LabOptions): void {
  const up = runKubelab([
    'up', '--detach', '--data-dir', dataDir, '--api-port', '0', '--dashboard-port', '0',
    '--nodes', String(options.nodes), '--time-scale', String(options.timeScale),
    ...(options.components ? ['--components', options.components.join(',')] : []), ...(options.controlPlane ? [] : ['--no-control-plane']), ...(options.upArgs ?? []),
  ]);
  if (up.status !== 0) throw new Error(`kubelab up failed: ${up.stderr}${up.stdout}`);
}

/**
 * A TestLab for the lab running in `dataDir`, its kubectl in `namespace`; `stop` runs `release` after killing what the suite
 * started, and first prints the end of the lab's logs when a test failed since (a failure on a loaded CI run is then
 * diagnosed from its output).
 */
function attachLab(dataDir: string, timeScale: number, namespace: string, release: () => void): TestLab {
  const failedBefore = testsFailedSoFar();
  const state = () => JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as LabProcessState;
  const apiUrl = state().apiUrl;
  const credentials = labCredentials(dataDir);
  const secret = () => readFileSync(join(dataDir, 'lab-secret'), 'utf8').trim();
  const started: ChildProcess[] = [];
  // A process signs in to the lab's NATS as its own user; an agent for a node the lab did not start joins first, as `kubelab node add` lets it.
  const natsUserOf = (app: string, args: string[]) => {
    if (app !== 'kubelet-agent') return join(dataDir, 'nats/users', `${app}.nk`);
    const at = args.indexOf('--node-name');
    const node = at >= 0 ? args[at + 1] : 'node-1';
    const added = runKubelab(['node', 'add', node, '--data-dir', dataDir]);
    if (added.status !== 0) throw new Error(`kubelab node add ${node} failed: ${added.stderr}`);
    return join(dataDir, 'nats/users', `kubelet-${node}.nk`);
  };
  return {
    apiUrl, dataDir, namespace, timeScale, kubectl: kubectlFor(apiUrl, credentials, namespace), credentials, fetch: fetchTrusting(credentials), state,
    secret,
    dashboardLogin: () => `${state().dashboardUrl}/login?token=${encodeURIComponent(secret())}`,
    startProcess(app, args) {
      const child = spawn(process.execPath, [
        appMain(app), '--nats-url', state().natsUrl, '--nats-nkey', natsUserOf(app, args), '--time-scale', String(timeScale), ...args,
      ], { cwd: root, stdio: 'ignore' });
      started.push(child);
      return child;
    },
    kubelab: (args, input) => runKubelab(withDataDir(args, dataDir), input),
    natsUser: natsUserOf,
    stop() {
      for (const child of started) child.kill('SIGKILL');
      const tails = testsFailedSoFar() > failedBefore ? labLogTails(dataDir) : undefined;
      if (tails) process.stdout.write(tails);
      release();
    },
  };
}

/** This worker's shared lab: one per worker of the run (VITEST_POOL_ID, 1 … maxWorkers), whose files run one at a time, so suites share a lab one after another, never at once. */
const sharedLabDataDir = () => join(inject('sharedLabDir'), `worker-${process.env.VITEST_POOL_ID ?? '1'}`);

/** Stops this worker's shared lab if it runs (shared-lab-release.ts); a suite that asks for it later starts it again. */
export function stopSharedLab(): void {
  const dataDir = sharedLabDataDir();
  if (!existsSync(join(dataDir, 'lab.json'))) return;
  const down = runKubelab(['down', '--data-dir', dataDir]);
  if (down.status !== 0) throw new Error(`kubelab down of the shared lab in ${dataDir} failed: ${down.stderr}${down.stdout}`);
}

/** What every suite of an e2e run shares: one kubeadm-shaped lab of three workers at time scale 20 with every component. */
export const sharedLabOptions: LabOptions = { nodes: 3, timeScale: 20, controlPlane: true };

/**
 * The e2e run's shared lab (Kubernetes' e2e framework: one cluster, a namespace per test), for a
 * suite that does not break it: one per worker of the run, started by the first suite of that
 * worker that asks (the run's global setup gives the data dirs and stops them at the end), its
 * kubectl bound to a fresh namespace named after the suite, which `stop` deletes.
 */
export async function sharedLab(suite: string): Promise<TestLab> {
  const dataDir = sharedLabDataDir();
  const bringingUp = !existsSync(join(dataDir, 'lab.json'));
  if (bringingUp) bringUp(dataDir, sharedLabOptions);
  const namespace = `${suite.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40)}-${Math.random().toString(36).slice(2, 7)}`;
  const lab = attachLab(dataDir, sharedLabOptions.timeScale, namespace, () => {
    void lab.kubectl(['delete', 'namespace', namespace, '--wait=false']);
  });
  if (bringingUp) await clusterDnsServes(lab);
  const created = await lab.kubectl(['create', 'namespace', namespace]);
  if (created.code !== 0) throw new Error(`could not create the suite's namespace ${namespace}: ${created.stderr}`);
  return lab;
}
