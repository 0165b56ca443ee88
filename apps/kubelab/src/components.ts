/**
 * The lab's processes and how each starts: one table, read by `kubelab up` (and,
 * later, checked against deploy/docker-compose.yml so the two cannot drift).
 */
import { join } from 'node:path';
import { labSecretFile, natsServers, type BusIdentity } from '@kubelab/bus';
import { labNkeyFile, natsConfigFile, natsMemberName, type NatsMember } from './nats-auth.js';

export interface LabSettings {
  root: string;
  dataDir: string;
  /** The first api-server's port on 127.0.0.1; 0: the port it binds itself, noted here once it listens. */
  apiPort: number;
  /** The ports of the api-servers beyond the first (`kubelab up --api-servers N`), api-server-2 … api-server-N; they share a PostgreSQL log. */
  moreApiPorts?: number[];
  /** Every NATS client URL, comma-separated as --nats-url takes them: the lab's server, or each member of its cluster. */
  natsUrl: string;
  /** The members of the NATS cluster the lab starts (`kubelab up --nats-cluster N`); none when it starts one server. */
  natsCluster: NatsMember[];
  /** The address the lab's nats-server listens on: loopback, or every address (0.0.0.0) for agents that join from other hosts. */
  natsListen: string;
  /** Worker nodes, node-1 … node-N. */
  nodes: number;
  /**
   * Worker nodes each kubelet-agent hosts (`kubelab up --nodes-per-agent K`): node-1 … node-K in the first, and so on; none: one
   * agent per node. An agent's drills (kill, pause, partition) act on every node it hosts.
   */
  nodesPerAgent?: number;
  /** Machines beyond the workers with kubeadm's packages that have not joined (`--spare-nodes`): their kubelet waits for `kubeadm join`. */
  spareNodes?: number;
  /** A kubeadm-shaped lab: a `controlplane` node (tainted, labelled as kubeadm marks it) beside the workers, and kube-system's add-ons. */
  controlPlane: boolean;
  timeScale: number;
  /** The supervisor's control API (chaos drills) on 127.0.0.1; 0 until it listens. */
  controlPort: number;
  /** The dashboard's port on 127.0.0.1; 0: the port it binds itself, noted here once it listens. */
  dashboardPort: number;
  /** The Ingress controller's HTTP and HTTPS ports on 127.0.0.1 (a taken one, or 0: a free one); none: 8080 and 8443. */
  ingressPorts?: { http: number; https: number };
  /** The Host names the dashboard answers (`kubelab up --dashboard-accept-hosts`, kubectl proxy's --accept-hosts); none: loopback's. */
  dashboardAcceptHosts?: string;
  /** The api-server serves plain HTTP (`kubelab up --insecure-http`, for debugging) instead of HTTPS. */
  insecureHttp: boolean;
  /** The api-server notes what each watch is sent (a test mode; `kubelab check` reads it). */
  recordWatchDeliveries: boolean;
  /** The PostgreSQL database of the event log (`kubelab up --database URL`); none: DIR/events.sqlite. */
  database?: string;
  /** The release the api-servers run as: their static pod's image tag, once the control-plane node's kubelet has said it; none: the api-server's own. */
  kubernetesVersion?: string;
}

/** The api-server's URL on loopback: https unless the lab runs with --insecure-http. */
export const labApiUrl = (s: LabSettings) => `${s.insecureHttp ? 'http' : 'https'}://127.0.0.1:${s.apiPort}`;

/** The dashboard page on loopback. */
export const dashboardUrl = (s: LabSettings) => `http://127.0.0.1:${s.dashboardPort}`;

/** The link that signs a browser in to the dashboard: the lab's secret as a one-time login token, traded for a session cookie. */
export const dashboardLoginUrl = (dashboard: string, secret: string) => `${dashboard}/login?token=${encodeURIComponent(secret)}`;

/** The api-server's --cert-dir: the lab CA (ca.crt, ca.key), its serving certificate and the admin's client certificate. */
export const certDir = (dataDir: string) => join(dataDir, 'pki');

/** The lab CA's certificate, written by the api-server on its first start. */
export const labCaFile = (dataDir: string) => join(certDir(dataDir), 'ca.crt');

/** The lab CA as a flag for a component that calls or publishes it; none with --insecure-http. */
const caFlag = (s: LabSettings, flag: string) => (s.insecureHttp ? [] : [flag, labCaFile(s.dataDir)]);

/** The lab admin's client certificate and key (admin.crt, admin.key: kubeadm's names), for a component that calls the API as the admin. */
export const labAdminCredentialFiles = (dataDir: string) => ({ cert: join(certDir(dataDir), 'admin.crt'), key: join(certDir(dataDir), 'admin.key') });

/** The process's own NATS user (its nkey seed) as a flag. */
const nkeyFlag = (s: LabSettings, identity: BusIdentity) => ['--nats-nkey', labNkeyFile(s.dataDir, identity)];

/** The admin's client certificate as flags; none with --insecure-http. */
const adminFlags = (s: LabSettings) => {
  const { cert, key } = labAdminCredentialFiles(s.dataDir);
  return s.insecureHttp ? [] : ['--api-cert-file', cert, '--api-key-file', key];
};

export interface Component {
  name: string;
  /** Executable and arguments. */
  command: (s: LabSettings) => { file: string; args: string[] };
  /** Settings passed in the environment rather than as arguments: what must not show in `ps` or lab.json (a password), a runtime's tuning. */
  env?: (s: LabSettings) => Record<string, string>;
  /**
   * Resolves when the component answers: NATS when its port takes connections (a cluster member: when
   * JetStream answers through it, so the cluster has a metadata leader), an agent when each of its Nodes is Ready, a
   * controller process when it holds its leader lease, a spare machine's agent once it is spawned.
   */
  readiness: 'nats' | 'jetstream' | 'http' | 'node' | 'leader' | 'spawned';
  readyUrl?: (s: LabSettings) => string;
  /** For `leader` readiness: the lease the process campaigns for. */
  lease?: string;
  /** The setting that holds the port it listens on: at 0 it binds one itself and tells the supervisor which (ParentWatch.listening). */
  listensOn?: 'apiPort' | 'dashboardPort';
  /** A kubelet-agent's nodes: what its drills act on, and (readiness `node`) whose Nodes must all be Ready. */
  nodes?: readonly string[];
  /** Run as a thread of the thread host (threadHostCommand), from this entry and with these flags, rather than as a process of its own. */
  thread?: (s: LabSettings) => { entry: string; argv: string[] };
}

/** The bundle of an entry point, named as bin/bundle.mjs names it (`kubelab` builds them before it starts anything). */
export const bundleName = (entry: string) => `${entry.replace(/\.ts$/, '').replaceAll('/', '__')}.mjs`;

/**
 * V8's settings for every process of the lab but the api-server (apiServerNodeFlags) and the thread host (threadHostNodeFlags,
 * whose threads are each given their young generation): its young generation held to 2 MiB
 * semi-spaces (V8 grows them to 16 MiB under the first burst of work and keeps most of it: about 20 MiB of each idle
 * process's RSS). At 2 MiB the default lab at rest takes 190 MiB less RSS and PSS and starts as fast (at 1 MiB, 10 MiB
 * less again, and 9% slower: more scavenges).
 * And its old generation let grow to 1.5 × what a full collection left, not the up to 4 × V8 picks for a process whose
 * collections are quick: under a burst of 10,000 pods every process held 3-4 × its live objects; at 1.5 × the lab's
 * peak goes from 1700 to 1190 MiB, for about a tenth more CPU.
 */
export const nodeFlags = ['--max-semi-space-size=2', '--heap-growing-percent=50'];

/**
 * The api-server's: semi-spaces of 16 MiB, V8's own maximum. Every write of the lab passes through it, and with 2 MiB
 * what a request holds for the milliseconds it takes (its parsed body, a batch waiting for its commit, a reply being
 * written) outlived two scavenges and was promoted: its old generation filled with the dead and was marked again and
 * again. Creating 10,000 pods took it 58 CPU-s, 46.5 with 16 MiB, and the lab ran them 21% sooner; at rest it holds 11
 * MiB more (122 MiB two minutes after `kubelab up`, against 111).
 * V8 keeps what a burst grew, though: 32 MiB of semi-spaces at rest. With --expose-gc the api-server collects when idle
 * until V8 shrinks them (libs/bus idle-memory.ts): 31 MiB less RSS and PSS at rest.
 */
export const apiServerNodeFlags = ['--max-semi-space-size=16', '--heap-growing-percent=50', '--expose-gc'];

/**
 * The environment every process of the lab starts with: glibc's malloc held to 2 arenas (it makes one per thread that
 * allocates, 8 × the cores, and keeps what each held: 10-20 MiB of each Node process's RSS at rest), and its thresholds
 * held where they start: a block of 128 KiB or more is mapped on its own and given back when freed, and a heap whose free
 * top passes 128 KiB is trimmed. glibc raises both after the first large block freed (up to 32 MiB), and a process that
 * once parsed a large document or made a TLS context kept its peak: the supervisor held 33 MiB of free heap at rest,
 * 7 MiB with them. Other C libraries ignore them.
 */
export const labProcessEnv = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

/** The bundle of an entry point in the lab's dist. */
const bundleOf = (s: LabSettings, entry: string) => join(s.root, 'dist', bundleName(entry));

/** A service run from its bundle. */
const tsEntry = (s: LabSettings, entry: string, args: string[], flags = nodeFlags) => ({ file: process.execPath, args: [...flags, bundleOf(s, entry), ...args] });

/**
 * A service that `kubelab up` runs as a thread of the thread host, from its bundle with these flags; its command is the one
 * its own process would have (lab.json shows it).
 */
const threaded = (entry: string, args: (s: LabSettings) => string[]) => ({
  command: (s: LabSettings) => tsEntry(s, entry, args(s)),
  thread: (s: LabSettings) => ({ entry: bundleOf(s, entry), argv: args(s) }),
});

/**
 * The process the nodes' agents, the scheduler, the controller-manager and the dashboard run in, each a thread of it (libs/bus
 * hosted-thread.ts): a Node process costs some 45 MiB before it does anything, a thread of one only what its component holds.
 * The api-server stays a process of its own: it holds the most, runs with V8 settings of its own (apiServerNodeFlags), and
 * is the one a drill stops most often.
 */
export const threadHostName = 'thread-host';
/**
 * The thread host's: no semi-space flag, which would hold every thread to it (each thread is given its young generation,
 * thread-host.ts), and --expose-gc, with which each thread collects when idle until V8 shrinks it (libs/bus idle-memory.ts).
 * And V8's interrupt budget at 4 × its default: a function is optimized (TurboFan) once it has run 4 times as much. Each
 * thread is an isolate of its own that compiles its own code, and a node's agent runs its pods' code too seldom for
 * optimized code to pay for its compiling: under a burst of 1,000 pods on 10 nodes V8's background threads took a third
 * of the thread host's CPU (3.2 of 9.4 s; as much with garbage collection kept on the threads' own, so compiling), and the
 * agents' threads took as long with TurboFan off altogether. Measured against the build before, alternated, three runs
 * each: that burst took the thread host 6.2-8.8 CPU-s instead of 8.3-9.9; 1,000 pods offered at 100/s, 6.9-7.1 instead of
 * 8.2-9.3. At 16 × the burst took less again (5.7-7.1), but 10,000 pods on two agents of 50 nodes, whose threads run the
 * same code 5,000 times, took 64-65 CPU-s against 55-58: their busy code was optimized too late. At 4 × they took as
 * long as before (57-64 against 59-62), and 30,000 pods on three agents of 100 nodes (10,000 pods each, as at 100,000)
 * ran as fast (145.3 and 121.6 pods/s against 144.4 and 116.8, two runs each, alternated).
 */
const threadHostNodeFlags = ['--heap-growing-percent=50', '--expose-gc', '--interrupt-budget=270336'];

export const threadHostCommand = (s: LabSettings) => tsEntry(s, 'apps/kubelab/src/thread-host.ts', [], threadHostNodeFlags);

/** An api-server of the lab: the first (`api-server`, the kubeconfig's) or one more on the same PostgreSQL log (api-server-2 …). */
function apiServer(name: string, port: (s: LabSettings) => number, listensOn?: 'apiPort'): Component {
  const url = (s: LabSettings) => `${s.insecureHttp ? 'http' : 'https'}://127.0.0.1:${port(s)}`;
  return {
    name,
    command: (s) => tsEntry(s, 'apps/api-server/src/main.ts', [
      '--port', String(port(s)), ...(s.database ? [] : ['--database', join(s.dataDir, 'events.sqlite')]), '--nats-url', s.natsUrl, ...nkeyFlag(s, { kind: 'api-server' }), '--cert-dir', certDir(s.dataDir),
      ...(s.insecureHttp ? ['--insecure-http'] : []), ...(s.recordWatchDeliveries ? ['--record-watch-deliveries'] : []), ...(s.controlPlane ? ['--kubeadm-addons'] : []),
      ...(s.kubernetesVersion ? ['--kubernetes-version', s.kubernetesVersion] : []),
    ], apiServerNodeFlags),
    // A PostgreSQL URL may carry a password: KUBELAB_DATABASE, which the api-server reads when --database is not given.
    env: (s): Record<string, string> => (s.database ? { KUBELAB_DATABASE: s.database } : {}),
    readiness: 'http',
    readyUrl: (s) => `${url(s)}/readyz`,
    ...(listensOn ? { listensOn } : {}),
  };
}

/** Every api-server's URL on loopback, the kubeconfig's first. */
export const labApiUrls = (s: LabSettings) => [s.apiPort, ...(s.moreApiPorts ?? [])].map((port) => `${s.insecureHttp ? 'http' : 'https'}://127.0.0.1:${port}`);

/** An api-server of the lab: `api-server`, or api-server-2 … beside it. */
export const isApiServer = (name: string) => name === 'api-server' || /^api-server-\d+$/.test(name);

/**
 * nats-server runs under a POSIX shell that watches the supervisor for it: nats-server is a Go binary and cannot
 * watch kubelab's IPC channel (fd 3), the shell reads it until its end. It starts `nats-server ARGS…` in its process
 * group (so a signal the supervisor sends to the group reaches both), passes on SIGTERM, SIGINT and SIGHUP (reload),
 * ends as nats-server ends, with its status, and when the supervisor is gone stops nats-server last, as the supervisor
 * would: SIGTERM after 1 s (the other processes release their leases through NATS meanwhile), SIGKILL 3 s later.
 * A shell takes 2 MiB where a Node process took 40.
 */
const natsGuardian = `nats-server "$@" 3<&- </dev/null &
n=$!
for s in TERM INT HUP; do trap "kill -$s $n 2>/dev/null" $s; done
{ while read -r _; do :; done; sleep 1; kill -TERM $n 2>/dev/null; sleep 3; kill -KILL $n 2>/dev/null; } <&3 3<&- &
w=$!
c=0
while kill -0 $n 2>/dev/null; do wait $n; c=$?; done
kill $w 2>/dev/null
exit $c`;

/** The name the guardian's shell runs as (its $0). */
export const natsGuardianName = 'nats-guardian';

/**
 * nats-server's Go runtime collects once its heap grew by half what the last collection left, not by all of it (GOGC=100):
 * what it holds is mostly buffers on their way to a client, dead a moment later. Starting 100,000 pods on 1,000 nodes it
 * peaked at 154 MiB instead of 194, for 135 CPU-s instead of 121.
 */
const natsEnv = { GOGC: '50' };

/** nats-server with `args`, under its guardian. */
const guardedNats = (args: string[]) => ({ file: 'sh', args: ['-c', natsGuardian, natsGuardianName, ...args] });

/** Every component, in start order. */
export const components: Component[] = [
  {
    name: 'nats',
    // nats-server under its guardian, which stops it when the supervisor is gone.
    command: (s) => guardedNats(['-c', natsConfigFile(s.dataDir), '-a', s.natsListen, '-p', new URL(natsServers(s.natsUrl)[0]).port]),
    env: () => natsEnv,
    readiness: 'nats',
    readyUrl: (s) => natsServers(s.natsUrl)[0],
  },
  apiServer('api-server', (s) => s.apiPort, 'apiPort'),
  {
    name: 'scheduler',
    ...threaded('apps/scheduler/src/main.ts', (s) => ['--nats-url', s.natsUrl, ...nkeyFlag(s, { kind: 'scheduler' }), '--time-scale', String(s.timeScale)]),
    readiness: 'leader',
    lease: 'kube-scheduler',
  },
  {
    name: 'controller-manager',
    ...threaded('apps/controller-manager/src/main.ts', (s) => [
      '--nats-url', s.natsUrl, ...nkeyFlag(s, { kind: 'controller-manager' }), '--time-scale', String(s.timeScale), ...caFlag(s, '--root-ca-file'),
    ]),
    readiness: 'leader',
    lease: 'kube-controller-manager',
  },
  {
    name: 'dashboard',
    ...threaded('apps/dashboard/src/main.ts', (s) => [
      '--port', String(s.dashboardPort), '--api-url', labApiUrl(s), ...caFlag(s, '--api-ca-file'), ...adminFlags(s),
      '--control-url', `http://127.0.0.1:${s.controlPort}`, '--root', s.root, '--data-dir', s.dataDir, '--time-scale', String(s.timeScale),
      '--secret-file', labSecretFile(s.dataDir), ...(s.dashboardAcceptHosts ? ['--accept-hosts', s.dashboardAcceptHosts] : []),
    ]),
    readiness: 'http',
    readyUrl: (s) => `http://127.0.0.1:${s.dashboardPort}/healthz`,
    listensOn: 'dashboardPort',
  },
];

/** The lab's NATS: its one server, or each member of its cluster. */
export const isLabNats = (name: string) => name === 'nats' || natsMemberName.test(name);

/** A member of the lab's NATS cluster (nats-1 … nats-N), under the guardian as the lab's one server is. */
function natsMember(member: NatsMember): Component {
  return {
    name: member.name,
    command: (s) => guardedNats(['-c', natsConfigFile(s.dataDir, member.name), '-a', s.natsListen, '-p', String(member.port)]),
    env: () => natsEnv,
    readiness: 'jetstream',
    readyUrl: () => `nats://127.0.0.1:${member.port}`,
  };
}

/** kubeadm's control-plane node: its name, and the taint it registers with (kubeadm's mark-control-plane phase adds its role label). */
export const controlPlaneNode = 'controlplane';
export const controlPlaneTaint = 'node-role.kubernetes.io/control-plane:NoSchedule';

/** The spare machines of a lab: node-N+1 … node-N+M. */
const spareNodeNames = (s: Pick<LabSettings, 'nodes' | 'spareNodes'>) => Array.from({ length: s.spareNodes ?? 0 }, (_, i) => `node-${s.nodes + i + 1}`);

/** The node names of a lab: the control plane's, when it has one, then node-1 … node-N, then its spare machines. */
export const labNodeNames = (s: Pick<LabSettings, 'nodes' | 'controlPlane' | 'spareNodes'>) => labAgentNodes(s).flatMap((a) => a.nodes);

/** The kubelet-agent component of these nodes: `kubelet-agent/node-2` for one, `kubelet-agent/node-1..node-5` for several. */
export const agentComponentName = (nodes: readonly string[]) => `kubelet-agent/${nodes.length === 1 ? nodes[0] : `${nodes[0]}..${nodes[nodes.length - 1]}`}`;

/**
 * The nodes of each kubelet-agent of a lab: the control plane's alone, the workers `nodesPerAgent` at a time (one each by
 * default), each spare machine alone (its kubelet waits for its own `kubeadm join`).
 */
export function labAgentNodes(s: Pick<LabSettings, 'nodes' | 'nodesPerAgent' | 'controlPlane' | 'spareNodes'>): { nodes: string[]; spare: boolean }[] {
  const per = s.nodesPerAgent ?? 1;
  const workers = Array.from({ length: Math.ceil(s.nodes / per) }, (_, a) =>
    Array.from({ length: Math.min(per, s.nodes - a * per) }, (_, i) => `node-${a * per + i + 1}`));
  return [
    ...(s.controlPlane ? [{ nodes: [controlPlaneNode], spare: false }] : []),
    ...workers.map((nodes) => ({ nodes, spare: false })),
    ...spareNodeNames(s).map((node) => ({ nodes: [node], spare: true })),
  ];
}

/** Workers beyond which a lab of an agent per node is worth a word at start. */
const manyAgents = 20;

/**
 * What `kubelab up` says of a big lab whose workers each have an agent: each agent is a thread with its own heap, connection
 * to NATS and timers, which a hundred of them spend on two cores: 100 nodes so started ran 24 pods/s in 3.1 GB where agents
 * of 50 nodes ran 128-134 in 1.0 GB (`npm run bench -- density`, 10,000 pods).
 */
export function bigLabHint(s: Pick<LabSettings, 'nodes' | 'nodesPerAgent'>): string | undefined {
  if ((s.nodesPerAgent ?? 1) > 1 || s.nodes <= manyAgents) return undefined;
  return `kubelab: ${s.nodes} nodes with a kubelet-agent each, each agent a thread with its own heap, NATS connection and timers: `
    + `a lab this big starts pods slowly. --nodes-per-agent ${Math.min(50, Math.ceil(s.nodes / 2))} runs it lighter and faster; `
    + 'a drill of an agent (kill-agent, pause-agent, partition) then takes all its nodes down together\n';
}

/**
 * A kubelet-agent, a thread of the thread host (or a process of its own in the compose lab), hosting one node or several: node-1 … node-N at index 1 … N, the control plane at index 0 (10.244.0.0/24, as
 * kubeadm's first node). It is ready once each of its Nodes is, a spare machine's agent once it runs: its node registers only after `kubeadm join`.
 */
function agent(nodes: string[], spare: boolean): Component {
  const controlPlane = nodes[0] === controlPlaneNode;
  const entry = 'apps/kubelet-agent/src/main.ts';
  const args = (s: LabSettings) => [
    ...nodes.flatMap((node) => ['--node-name', node]), '--nats-url', s.natsUrl, ...nkeyFlag(s, { kind: 'kubelet', nodes }), '--time-scale', String(s.timeScale), '--catalog', join(s.root, 'dist/images.json'),
    '--static-pod-dir', join(s.dataDir, 'manifests'), ...(s.controlPlane ? ['--cluster-dns-from-pods'] : []),
    ...(controlPlane ? ['--node-index', '0', '--register-with-taints', controlPlaneTaint] : []), ...(spare ? ['--await-join'] : []),
  ];
  return {
    name: agentComponentName(nodes),
    nodes,
    ...threaded(entry, args),
    readiness: spare ? 'spawned' : 'node',
  };
}

/** Every process of a lab with these settings, in start order. */
export function labProcesses(s: LabSettings, selected: readonly string[]): Component[] {
  const agents = selected.includes('kubelet-agent') ? labAgentNodes(s).map((a) => agent(a.nodes, a.spare)) : [];
  const moreApiServers = (s.moreApiPorts ?? []).map((port, i) => apiServer(`api-server-${i + 2}`, () => port));
  const selectedComponents = components.filter((c) => selected.includes(c.name))
    .flatMap((c) => (c.name === 'api-server' ? [c, ...moreApiServers] : [c]));
  if (s.natsCluster.length === 0) return [...selectedComponents, ...agents];
  const nats = selected.includes('nats') ? s.natsCluster.map(natsMember) : [];
  return [...nats, ...selectedComponents.filter((c) => c.name !== 'nats'), ...agents];
}

export const componentNames = [...components.map((c) => c.name), 'kubelet-agent'];
