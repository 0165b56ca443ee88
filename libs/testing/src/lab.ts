/**
 * A whole lab for an end-to-end suite: `kubelab up --detach` on a free port in a
 * temporary data dir, the real kubectl bound to it (over HTTPS, trusting the lab CA),
 * a fetch that trusts the lab CA, and helpers to start or kill single processes of it
 * (chaos in tests).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { kubectlFor, type Kubectl } from './kubectl.js';
import { fetchTrusting, labCredentials, type TlsCredentials } from './lab-tls.js';
import { tempDir } from './temp-dir.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const kubelabBin = join(root, 'apps/kubelab/bin/kubelab.mjs');

export interface LabProcessState {
  /** Every NATS client URL comma-separated, as --nats-url takes them. */
  natsUrl: string;
  /** The same one by one: the lab's NATS server, or each member of its cluster (kubelab up --nats-cluster N). */
  natsUrls: string[];
  apiUrl: string;
  /** The dashboard page, when the lab runs the dashboard component. */
  dashboardUrl?: string;
  processes: { name: string; pid: number }[];
}

export interface TestLab {
  /** https://127.0.0.1:PORT */
  apiUrl: string;
  dataDir: string;
  kubectl: Kubectl;
  /** The lab CA and the admin's client certificate, as the lab's kubeconfig carries them. */
  credentials: TlsCredentials;
  /** fetch for the lab's API (a full URL under apiUrl): trusts the lab CA. */
  fetch: ReturnType<typeof fetchTrusting>;
  timeScale: number;
  /** lab.json as the supervisor wrote it. */
  state(): LabProcessState;
  /** Starts one more process of an app (apps/<app>/src/main.ts) with the lab's NATS and time scale. */
  startProcess(app: string, args: string[]): ChildProcess;
  /** The nkey seed file `app` (with these arguments) signs in to the lab's NATS with; an agent's node joins the lab first. */
  natsUser(app: string, args: string[]): string;
  /** Runs the kubelab CLI against this lab. */
  kubelab(args: string[]): { status: number | null; stdout: string; stderr: string };
  stop(): void;
}

/** Starts a lab; throws with kubelab's own message when it cannot. */
export async function startLab(options: { nodes: number; timeScale: number; components?: string[]; dataDir?: string; upArgs?: string[] }): Promise<TestLab> {
  const dataDir = options.dataDir ?? tempDir('lab');
  const port = await freePort();
  const run = (args: string[]) => spawnSync(process.execPath, [kubelabBin, ...args], { encoding: 'utf8', timeout: 120_000 });
  const up = run([
    'up', '--detach', '--data-dir', dataDir, '--api-port', String(port), '--dashboard-port', String(await freePort()),
    '--nodes', String(options.nodes), '--time-scale', String(options.timeScale),
    ...(options.components ? ['--components', options.components.join(',')] : []), ...(options.upArgs ?? []),
  ]);
  if (up.status !== 0) throw new Error(`kubelab up failed: ${up.stderr}${up.stdout}`);
  const apiUrl = `https://127.0.0.1:${port}`;
  const credentials = labCredentials(dataDir);
  const started: ChildProcess[] = [];
  const state = () => JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as LabProcessState;
  // A process signs in to the lab's NATS as its own user; an agent for a node the lab did not start joins first, as `kubelab node add` lets it.
  const natsUserOf = (app: string, args: string[]) => {
    if (app !== 'kubelet-agent') return join(dataDir, 'nats/users', `${app}.nk`);
    const at = args.indexOf('--node-name');
    const node = at >= 0 ? args[at + 1] : 'node-1';
    const added = run(['node', 'add', node, '--data-dir', dataDir]);
    if (added.status !== 0) throw new Error(`kubelab node add ${node} failed: ${added.stderr}`);
    return join(dataDir, 'nats/users', `kubelet-${node}.nk`);
  };
  return {
    apiUrl, dataDir, timeScale: options.timeScale, kubectl: kubectlFor(apiUrl, credentials), credentials, fetch: fetchTrusting(credentials), state,
    startProcess(app, args) {
      const child = spawn(process.execPath, [
        '--import', 'tsx', join(root, `apps/${app}/src/main.ts`), '--nats-url', state().natsUrl, '--nats-nkey', natsUserOf(app, args), '--time-scale', String(options.timeScale), ...args,
      ], {
        cwd: root, stdio: 'ignore', env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
      });
      started.push(child);
      return child;
    },
    kubelab: (args) => run([...args, '--data-dir', dataDir]),
    natsUser: natsUserOf,
    stop() {
      for (const child of started) child.kill('SIGKILL');
      run(['down', '--data-dir', dataDir]);
    },
  };
}
