/**
 * deploy/docker-compose.yml against the processes `kubelab up` starts: the same
 * services, commands and environment, so the two cannot drift. What must differ in
 * containers (addresses on the compose network; no supervisor, so nats-server runs
 * without the guardian that stops it with the supervisor) is listed here, flag by
 * flag; anything else that differs is drift. The agents need no entry: their relay
 * to NATS (for partition drills) is made by the supervisor, not components.ts, so
 * with compose settings their command already names nats://nats:4222.
 */
import { natsGuardianName, type LabSettings } from './components.js';

/** The lab as compose runs it: in-container paths, compose service names, kubeadm's controlplane node and three workers. */
export const composeSettings: LabSettings = {
  root: '/app', dataDir: '/data', apiPort: 6443, natsUrl: 'nats://nats:4222', natsCluster: [], natsListen: '127.0.0.1', nodes: 3, controlPlane: true, timeScale: 1,
  controlPort: 6444, dashboardPort: 6480, insecureHttp: false, recordWatchDeliveries: false,
};

/** The environment each service of the workspace image reads and `kubelab up` passes on from its shell, with the services' default. */
export const labEnvironment: Readonly<Record<string, string>> = { KUBELAB_LOG_LEVEL: 'warn' };

/**
 * Services only compose has: `settings`, which checks the lab's settings before anything starts; `nats-users`, which writes the
 * NATS users as `kubelab up` does before NATS starts; `mark-control-plane`, which labels the controlplane node as `kubelab up`
 * does once it is Ready; `kubeconfig`, which writes the kubeconfig once the API answers; the `kubelab` one-off (profile tools);
 * `join`, an agent of nodes that join a lab running elsewhere (profile join); `postgres`, the event log's database in the
 * docker-compose.postgres.yml override.
 */
export const composeOnly: readonly string[] = ['settings', 'nats-users', 'mark-control-plane', 'kubeconfig', 'kubelab', 'join', 'postgres'];

/** The event log's database in deploy/docker-compose.postgres.yml (its default password), as `kubelab up --database` would be given it. */
export const composePostgresUrl = 'postgres://kubelab:kubelab@postgres:5432/kubelab';

/** How a flag of `kubelab up` changes in a container; each names the flags it touches. */
interface Adaptation {
  /** Flag → the value it takes in compose. */
  set?: Record<string, string>;
  /** Flags dropped with their value. */
  drop?: string[];
  /** Arguments compose adds at the end. */
  add?: string[];
}

const adaptations: Record<string, Adaptation> = {
  // Reached over the compose network; /healthz on 8222 for the health check.
  nats: { set: { '-a': '0.0.0.0' }, add: ['-m', '8222'] },
  // Listens on the container's interfaces (the port is published on 127.0.0.1); its certificate also names the service.
  'api-server': { add: ['--host', '0.0.0.0', '--tls-san', 'api-server'] },
  // No supervisor, so no control API: chaos drills go through the container engine (kubelab chaos --engine compose).
  // No data dir of the lab's either: `kubelab learn` keeps its progress on the host, so the compose dashboard shows no scenario.
  // Its secret is on a volume of its own, made on its first start; the kubeconfig service prints the login link with it.
  dashboard: { set: { '--api-url': 'https://api-server:6443', '--secret-file': '/secret/dashboard-secret' }, drop: ['--control-url', '--data-dir'], add: ['--host', '0.0.0.0'] },
};

/** One process of the lab, as components.ts starts it. */
export interface LabProcess {
  name: string;
  file: string;
  args: string[];
  /** What components.ts passes in its environment (the api-server's KUBELAB_DATABASE). */
  env?: Record<string, string>;
}

/** A compose service as it should be. */
export interface ExpectedService {
  service: string;
  command: string[];
  environment: Record<string, string>;
}

/** The parts of `docker-compose config` compared. */
export interface ComposeConfig {
  services: Record<string, { command?: string[] | string; entrypoint?: string[] | string; environment?: Record<string, string | null> }>;
}

export type Drift =
  | { service: string; problem: 'missing' | 'extra' }
  | { service: string; problem: 'command'; compose: string[]; lab: string[] }
  | { service: string; problem: 'environment'; compose: Record<string, string>; lab: Record<string, string> }
  | { service: string; problem: 'stale-adaptation'; flag: string };

/** kubelet-agent/node-1 → kubelet-agent-node-1: a compose service name has no slash. */
export const serviceName = (process: string) => process.replaceAll('/', '-');

function adapt(args: readonly string[], a: Adaptation): { args: string[]; unused: string[] } {
  const out: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    if (a.drop?.includes(args[i])) {
      used.add(args[i]);
      i++;
    } else if (a.set && Object.hasOwn(a.set, args[i])) {
      used.add(args[i]);
      out.push(args[i], a.set[args[i]]);
      i++;
    } else {
      out.push(args[i]);
    }
  }
  const unused = [...Object.keys(a.set ?? {}), ...(a.drop ?? [])].filter((f) => !used.has(f));
  return { args: [...out, ...(a.add ?? [])], unused };
}

/** nats-server as its guardian starts it: its arguments follow the guardian's script and name. */
function withoutGuardian(p: LabProcess): LabProcess {
  return p.file === 'sh' && p.args[2] === natsGuardianName ? { ...p, file: 'nats-server', args: p.args.slice(3) } : p;
}

/**
 * The compose services the lab's processes call for: `nodeFile` (the node binary
 * `kubelab up` uses) becomes the image's `node`; the adaptations above apply.
 */
export function expectedServices(processes: readonly LabProcess[], nodeFile: string): { services: ExpectedService[]; drift: Drift[] } {
  const drift: Drift[] = [];
  const services = processes.map(withoutGuardian).map((p) => {
    const { args, unused } = adapt(p.args, adaptations[p.name] ?? {});
    drift.push(...unused.map((flag) => ({ service: serviceName(p.name), problem: 'stale-adaptation' as const, flag })));
    const node = p.file === nodeFile;
    return { service: serviceName(p.name), command: [node ? 'node' : p.file, ...args], environment: node ? { ...labEnvironment, ...p.env } : {} };
  });
  return { services, drift };
}

const words = (v: string[] | string | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Every difference between the compose file (as `docker-compose config` prints it) and the expected services. */
export function composeDrift(compose: ComposeConfig, expected: readonly ExpectedService[]): Drift[] {
  const drift: Drift[] = [];
  for (const e of expected) {
    const s = compose.services[e.service];
    if (!s) {
      drift.push({ service: e.service, problem: 'missing' });
      continue;
    }
    const command = [...words(s.entrypoint), ...words(s.command)];
    if (!sameList(command, e.command)) drift.push({ service: e.service, problem: 'command', compose: command, lab: e.command });
    const environment = Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, v ?? '']));
    const keys = new Set([...Object.keys(environment), ...Object.keys(e.environment)]);
    if ([...keys].some((k) => environment[k] !== e.environment[k])) drift.push({ service: e.service, problem: 'environment', compose: environment, lab: e.environment });
  }
  const known = new Set([...expected.map((e) => e.service), ...composeOnly]);
  drift.push(...Object.keys(compose.services).filter((name) => !known.has(name)).map((service) => ({ service, problem: 'extra' as const })));
  return drift;
}
