/**
 * How kube-apiserver, kube-controller-manager and kube-scheduler 1.32 start from their command line, in their
 * own words: a flag cobra cannot parse prints the usage and `Error: unknown flag: --x` (component-base's
 * cli.Run), a file a flag names that is not there in the container is klog's `run.go:72] "command failed"
 * err="stat …: no such file or directory"`, an api-server without a reachable etcd gives up on its storage;
 * otherwise the component logs its first lines and runs. Pure: the container's files and the time come in.
 */
// Each program's flags and their types, from the Kubernetes reference pages of kube-apiserver, kube-controller-manager and
// kube-scheduler (v1.31's, with the flags 1.32's changelog adds).
import flagTables from './component-flags.json' with { type: 'json' };
import { parseCommandLine, type FlagType } from './component-command-line.js';
import { klogLine } from './klog.js';
import { unauthorizedLeaseLine } from './process-log.js';
import type { ControlPlaneProgram } from './control-plane-program.js';

export type { ControlPlaneProgram };

const tables = flagTables as Record<ControlPlaneProgram, Record<string, FlagType>>;
const version = 'v1.32.0';

/** When a certificate is valid. */
export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/**
 * What the component meets when it starts: the container's files and the certificates they hold, the machine's time,
 * and etcd as the api-server finds it (the addresses it serves clients on, the certificate it serves with).
 */
export interface ComponentWorld {
  exists(path: string): boolean;
  /** When the certificate a file holds is valid (a kubeconfig's: its client certificate's); undefined when it holds none. */
  validity?(path: string): Validity | undefined;
  now: Date;
  /** etcd's client URLs (the etcd manifest's --listen-client-urls); an api-server must name one of them. */
  etcdClientUrls: readonly string[];
  /** The certificate etcd serves clients with. */
  etcdServing?: Validity;
}

export type ComponentStart =
  | { kind: 'starts'; program: ControlPlaneProgram; flags: Record<string, string>; output: string }
  /**
   * `reason` is the one line a learner needs: the parse error, or the failed command's err; `renew`, the certificate
   * whose validity at the machine's time refused it (as `kubeadm certs renew` names it), when that is what did, with the
   * flags it was read with.
   */
  | { kind: 'refused'; program: ControlPlaneProgram; exitCode: 1; output: string; reason: string; renew?: string; flags?: Record<string, string> }
  /**
   * It runs, but the api-server refuses its client certificate, so it does nothing but say so: the container stays
   * Running while the program's work stops. `renew` is the certificate to renew, as `kubeadm certs renew` names it.
   */
  | { kind: 'unauthorized'; program: ControlPlaneProgram; output: string; reason: string; renew: string };

/** The control-plane program an argv runs, by the name of its first word. */
export function controlPlaneProgram(argv: readonly string[]): ControlPlaneProgram | undefined {
  const name = argv[0]?.slice(argv[0].lastIndexOf('/') + 1);
  return name === 'kube-apiserver' || name === 'kube-controller-manager' || name === 'kube-scheduler' ? name : undefined;
}

const missing = (path: string, op: 'stat' | 'open') => `${op} ${path}: no such file or directory`;

/** A flag naming a file the component reads as it starts, and its words when the file is not there. */
interface FileFlag {
  flag: string;
  error: (path: string) => string;
}

const delegated = (what: 'authentication' | 'authorization') => (path: string) =>
  `failed to get delegated ${what} kubeconfig: failed to get delegated ${what} kubeconfig: ${missing(path, 'stat')}`;
const opened = (prefix?: string) => (path: string) => `${prefix ? `${prefix}: ` : ''}${missing(path, 'open')}`;

/** The files each program reads before it serves, in the order it reads them. */
const fileFlags: Record<ControlPlaneProgram, FileFlag[]> = {
  'kube-scheduler': [
    { flag: 'config', error: opened() },
    { flag: 'authentication-kubeconfig', error: delegated('authentication') },
    { flag: 'authorization-kubeconfig', error: delegated('authorization') },
    { flag: 'kubeconfig', error: (path) => missing(path, 'stat') },
  ],
  'kube-controller-manager': [
    { flag: 'kubeconfig', error: (path) => missing(path, 'stat') },
    { flag: 'authentication-kubeconfig', error: delegated('authentication') },
    { flag: 'authorization-kubeconfig', error: delegated('authorization') },
    { flag: 'client-ca-file', error: opened('unable to load client CA provider') },
    { flag: 'requestheader-client-ca-file', error: opened('unable to load request-header CA provider') },
    { flag: 'root-ca-file', error: (path) => `error reading root-ca-file at ${path}: ${missing(path, 'open')}` },
    { flag: 'service-account-private-key-file', error: opened('error reading key for service account token controller') },
    { flag: 'cluster-signing-cert-file', error: opened() },
    { flag: 'cluster-signing-key-file', error: opened() },
  ],
  'kube-apiserver': [
    { flag: 'tls-cert-file', error: opened('unable to load server certificate') },
    { flag: 'tls-private-key-file', error: opened('unable to load server certificate') },
    { flag: 'client-ca-file', error: opened('unable to load client CA provider') },
    { flag: 'requestheader-client-ca-file', error: opened('unable to load request-header CA provider') },
    { flag: 'service-account-key-file', error: opened('failed to parse service-account-issuer-key-file') },
    { flag: 'service-account-signing-key-file', error: opened('failed to parse service-account-issuer-key-file') },
    { flag: 'kubelet-client-certificate', error: opened() },
    { flag: 'kubelet-client-key', error: opened() },
    { flag: 'proxy-client-cert-file', error: opened() },
    { flag: 'proxy-client-key-file', error: opened() },
    { flag: 'etcd-cafile', error: opened() },
    { flag: 'etcd-certfile', error: opened() },
    { flag: 'etcd-keyfile', error: opened() },
  ],
};

/** What cobra prints before a flag error: the usage line and the flags (the real one adds each flag's help). */
function usage(program: ControlPlaneProgram): string {
  const flags = Object.entries(tables[program]).map(([name, type]) => `      --${name}${type === 'bool' ? '' : ` ${type}`}`);
  return `Usage:\n  ${program} [flags]\n\nFlags:\n${flags.join('\n')}\n\n`;
}

/** The lines a component logs as it comes up, before it serves. */
function firstLines(program: ControlPlaneProgram, flags: Record<string, string>): [string, string][] {
  const golang = '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""';
  if (program === 'kube-apiserver') {
    return [
      ['options.go:238', `external host was not specified, using ${flags['advertise-address'] ?? '127.0.0.1'}`],
      ['server.go:143', `Version: ${version}`],
      ['server.go:145', golang],
    ];
  }
  return [['serving.go:386', 'Generated self-signed cert in-memory']];
}

function servingLines(program: ControlPlaneProgram, flags: Record<string, string>): [string, string][] {
  const leaderElect = flags['leader-elect'] === undefined || /^(1|t|true)$/i.test(flags['leader-elect']);
  if (program === 'kube-apiserver') return [['secure_serving.go:213', `Serving securely on [::]:${flags['secure-port'] ?? '6443'}`]];
  const [port, started, lease] = program === 'kube-scheduler'
    ? ['10259', ['server.go:167', `"Starting Kubernetes Scheduler" version="${version}"`], 'kube-scheduler']
    : ['10257', ['controllermanager.go:193', `"Starting" version="${version}"`], 'kube-controller-manager'];
  return [
    started as [string, string],
    [program === 'kube-scheduler' ? 'server.go:169' : 'controllermanager.go:195', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'],
    ['secure_serving.go:213', `Serving securely on ${flags['bind-address'] ?? '0.0.0.0'}:${flags['secure-port'] ?? port}`],
    ...(leaderElect ? [['leaderelection.go:257', `attempting to acquire leader lease kube-system/${lease}...`] as [string, string]] : []),
  ];
}

/**
 * The api-server's storage: one of its --etcd-servers must be an address etcd serves clients on, with a certificate
 * valid now, and etcd must take the api-server's client certificate (--etcd-certfile), valid now too.
 */
function etcdFailure(flags: Record<string, string>, world: ComponentWorld, line: (severity: 'W' | 'F', source: string, message: string) => string): { output: string; reason: string; renew?: string } | undefined {
  const servers = (flags['etcd-servers'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const served = servers.find((server) => world.etcdClientUrls.includes(server.replace(/\/$/, '')));
  const address = (served ?? servers[0] ?? 'https://127.0.0.1:2379').replace(/^\w+:\/\//, '').replace(/\/.*$/, '');
  const refusal = (): { desc: string; reason?: string; renew?: string } | undefined => {
    if (!served) return { desc: `transport: Error while dialing: dial tcp ${address}: connect: connection refused` };
    const server = x509Problem(world.etcdServing, world.now);
    if (server) return { desc: `transport: authentication handshake failed: tls: failed to verify certificate: ${server}`, reason: `etcd's serving certificate: ${server}`, renew: 'etcd-server' };
    const client = flags['etcd-certfile'];
    const own = client ? x509Problem(world.validity?.(client), world.now) : undefined;
    if (own) return { desc: 'transport: authentication handshake failed: remote error: tls: bad certificate', reason: `etcd refuses ${client}: ${own}`, renew: 'apiserver-etcd-client' };
    return undefined;
  };
  const refused = refusal();
  if (!refused) return undefined;
  const fatal = 'Error creating leases: error creating storage factory: context deadline exceeded';
  return {
    reason: refused.reason ?? fatal,
    ...(refused.renew ? { renew: refused.renew } : {}),
    output: [
      line('W', 'logging.go:55', `[core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {Addr: "${address}", ServerName: "${address.replace(/:\d+$/, '')}", }. Err: connection error: desc = "${refused.desc}"`),
      line('F', 'instance.go:226', fatal),
    ].join('\n') + '\n',
  };
}

/** How the program that `argv` names starts in `world`; undefined when argv is no control-plane program. */
export function decideComponentStart(argv: readonly string[], world: ComponentWorld): ComponentStart | undefined {
  const program = controlPlaneProgram(argv);
  if (!program) return undefined;
  const parsed = parseCommandLine(argv.slice(1), tables[program]);
  if (!parsed.ok) return { kind: 'refused', program, exitCode: 1, reason: parsed.error, output: `${usage(program)}Error: ${parsed.error}\n` };
  if (parsed.positional.length > 0) {
    const reason = `"${program}" does not take any arguments, got ${JSON.stringify(parsed.positional)}`;
    return { kind: 'refused', program, exitCode: 1, reason, output: `Error: ${reason}\n` };
  }
  const { flags } = parsed;
  const line = (severity: 'I' | 'W' | 'E' | 'F', source: string, message: string) => klogLine(severity, world.now, 1, source, message);
  const said = firstLines(program, flags).map(([source, message]) => line('I', source, message));
  const failed = (reason: string, lines: string[]) => ({ kind: 'refused' as const, program, exitCode: 1 as const, reason, output: [...said, ...lines].join('\n') + '\n' });
  if (program === 'kube-apiserver' && !flags['etcd-servers']) {
    const reason = '[--etcd-servers must be specified]';
    return failed(reason, [line('E', 'run.go:72', `"command failed" err="${reason}"`)]);
  }
  for (const { flag, error } of fileFlags[program]) {
    const path = flags[flag];
    if (path && !world.exists(path)) {
      const reason = error(path);
      return failed(reason, [line('E', 'run.go:72', `"command failed" err=${JSON.stringify(reason)}`)]);
    }
  }
  if (program !== 'kube-apiserver' && !flags.kubeconfig && !flags.master) {
    const reason = 'unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined';
    return failed(reason, [
      line('W', 'client_config.go:667', 'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.'),
      line('E', 'run.go:72', `"command failed" err="${reason}"`),
    ]);
  }
  if (program === 'kube-apiserver') {
    const etcd = etcdFailure(flags, world, line);
    if (etcd) return { kind: 'refused', program, exitCode: 1, reason: etcd.reason, output: `${said.join('\n')}\n${etcd.output}`, ...(etcd.renew ? { renew: etcd.renew, flags } : {}) };
  }
  const serving = servingLines(program, flags).map(([source, message]) => line('I', source, message));
  const kubeconfig = flags.kubeconfig;
  const refusedClient = kubeconfig && x509Problem(world.validity?.(kubeconfig), world.now);
  if (program !== 'kube-apiserver' && kubeconfig && refusedClient) {
    const reason = `the api-server refuses its client certificate (${kubeconfig}: ${refusedClient}): Unauthorized`;
    const refusals = [
      line('W', 'authentication.go:368', 'Error looking up in-cluster authentication configuration: Unauthorized'),
      line('W', 'authentication.go:369', 'Continuing without authentication configuration. This may treat all requests as anonymous.'),
      ...serving,
      unauthorizedLeaseLine(program, world.now),
    ];
    return { kind: 'unauthorized', program, reason, renew: kubeconfig.slice(kubeconfig.lastIndexOf('/') + 1), output: [...said, ...refusals].join('\n') + '\n' };
  }
  return { kind: 'starts', program, flags, output: [...said, ...serving].join('\n') + '\n' };
}

/** Go's RFC 3339 (UTC, whole seconds), as crypto/x509 prints times. */
const goTime = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** crypto/x509's refusal of a certificate out of its validity at `now`; undefined while it is valid (or no certificate is known). */
function x509Problem(validity: Validity | undefined, now: Date): string | undefined {
  if (!validity) return undefined;
  if (now < validity.notBefore) return `x509: certificate has expired or is not yet valid: current time ${goTime(now)} is before ${goTime(validity.notBefore)}`;
  if (now > validity.notAfter) return `x509: certificate has expired or is not yet valid: current time ${goTime(now)} is after ${goTime(validity.notAfter)}`;
  return undefined;
}
