/** api-server settings from flags (and KUBELAB_* environment variables, for compose). */
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultKubernetesVersion, defaultNodePortRange, formatPortRange, parsePortRange, type PortRange } from '@kubelab/api';
import { natsServers } from '@kubelab/bus';
import { isPostgresUrl } from '@kubelab/event-store';

export interface ApiServerConfig {
  host: string;
  port: number;
  /** A SQLite file, or a postgres:// URL of the PostgreSQL database holding the log. */
  database: string;
  natsUrl?: string;
  /** The nkey seed file the api-server signs in to NATS with; none for an open nats-server. */
  natsNkey?: string;
  defaultNotReadyTolerationSeconds: number;
  defaultUnreachableTolerationSeconds: number;
  serviceCidr: string;
  /** --service-node-port-range: where NodePort and LoadBalancer Services get their node ports. */
  serviceNodePortRange: PortRange;
  logLevel: string;
  /** Events kept after the compaction horizon; older ones are folded into a snapshot. */
  keepEvents: number;
  compactionIntervalSeconds: number;
  /** Seconds a pod stays settled (running and ready, or finished) and unchanged before it is held as text (SettledPod: its differences from another pod of its owner). */
  settlePodsAfterSeconds: number;
  /** Serve plain HTTP instead of HTTPS: for debugging only, no client of a real cluster expects it. */
  insecureHttp: boolean;
  /** Where the lab CA and the serving certificate live (kube-apiserver's --cert-dir); by default pki/ beside a SQLite file, .kubelab/pki for a URL. */
  certDir: string;
  /** Names the serving certificate covers beyond loopback and the `kubernetes` Service's (kubeadm's --apiserver-cert-extra-sans). */
  tlsSans: string[];
  /** A test mode: note what each watch is sent and serve the record at /kubelab/v1/watch-deliveries. */
  recordWatchDeliveries: boolean;
  /** kube-apiserver's --authorization-mode: RBAC decides, or AlwaysAllow lets every authenticated request through (to measure what RBAC costs). */
  authorizationMode: 'RBAC' | 'AlwaysAllow';
  /** Audit entries each user (its refusals) and each agent (its dropped connections) may append per second on average, and at once after a quiet spell. */
  auditThrottle: { qps: number; burst: number };
  /** On a new cluster, install what `kubeadm init` adds to kube-system (CoreDNS, kube-proxy, the CNI's DaemonSet). */
  kubeadmAddons: boolean;
  /** The release /version reports (vX.Y.Z): the image tag of the kube-apiserver static pod that runs this process, as `kubeadm upgrade apply` moves it on. */
  kubernetesVersion: string;
}

const usage = `usage: api-server [--port 6443] [--host 127.0.0.1] [--database FILE|postgres://USER:PASSWORD@HOST/DB] [--nats-url nats://127.0.0.1:4222[,nats://…]] [--nats-nkey FILE]
  [--default-not-ready-toleration-seconds 300] [--default-unreachable-toleration-seconds 300]
  [--service-cluster-ip-range 10.96.0.0/12] [--service-node-port-range 30000-32767] [--log-level info]
  [--keep-events 1000000] [--compaction-interval-seconds 60] [--settle-pods-after-seconds 10]
  [--cert-dir DIR] [--tls-san NAME]... [--insecure-http] [--record-watch-deliveries] [--authorization-mode RBAC|AlwaysAllow]
  [--audit-throttle-qps 10] [--audit-throttle-burst 20] [--kubeadm-addons] [--kubernetes-version v1.32.0]`;

function number(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag} must be a whole number, got "${value}"\n${usage}`);
  return n;
}

/** A rate per second: a positive number, fractions allowed (0.5 is one every two seconds). */
function rate(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a number above 0, got "${value}"\n${usage}`);
  return n;
}

const options = {
  port: { type: 'string' }, host: { type: 'string' }, database: { type: 'string' }, 'nats-url': { type: 'string' }, 'nats-nkey': { type: 'string' },
  'default-not-ready-toleration-seconds': { type: 'string' }, 'default-unreachable-toleration-seconds': { type: 'string' },
  'service-cluster-ip-range': { type: 'string' }, 'service-node-port-range': { type: 'string' }, 'log-level': { type: 'string' },
  'keep-events': { type: 'string' }, 'compaction-interval-seconds': { type: 'string' }, 'settle-pods-after-seconds': { type: 'string' },
  'cert-dir': { type: 'string' }, 'tls-san': { type: 'string', multiple: true }, 'insecure-http': { type: 'boolean' },
  'record-watch-deliveries': { type: 'boolean' }, 'authorization-mode': { type: 'string' },
  'audit-throttle-qps': { type: 'string' }, 'audit-throttle-burst': { type: 'string' }, 'kubeadm-addons': { type: 'boolean' },
  'kubernetes-version': { type: 'string' },
} as const;

const parse = (args: string[]) => parseArgs({ args, options, strict: true }).values;

/** Parses argv; throws an Error whose message says what to fix. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): ApiServerConfig {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${usage}`);
  }
  const cidr = values['service-cluster-ip-range'] ?? env.KUBELAB_SERVICE_CIDR ?? '10.96.0.0/12';
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr)) throw new Error(`--service-cluster-ip-range must look like 10.96.0.0/12, got "${cidr}"`);
  const portRangeText = values['service-node-port-range'] ?? env.KUBELAB_SERVICE_NODE_PORT_RANGE ?? formatPortRange(defaultNodePortRange);
  const serviceNodePortRange = parsePortRange(portRangeText);
  if (!serviceNodePortRange) throw new Error(`--service-node-port-range must look like 30000-32767, got "${portRangeText}"`);
  const database = values.database ?? env.KUBELAB_DATABASE ?? '.kubelab/events.sqlite';
  // One NATS server, or the members of a cluster comma-separated: refused here when one is no NATS URL.
  const natsUrl = values['nats-url'] ?? env.KUBELAB_NATS_URL;
  if (natsUrl !== undefined) natsServers(natsUrl);
  const kubernetesVersion = values['kubernetes-version'] ?? defaultKubernetesVersion;
  if (!/^v\d+\.\d+\.\d+$/.test(kubernetesVersion)) throw new Error(`--kubernetes-version must be a release such as v1.32.0, got "${kubernetesVersion}"`);
  const authorizationMode = values['authorization-mode'] ?? 'RBAC';
  if (authorizationMode !== 'RBAC' && authorizationMode !== 'AlwaysAllow') throw new Error(`--authorization-mode must be RBAC or AlwaysAllow, got "${authorizationMode}"`);
  // Each --tls-san and KUBELAB_TLS_SANS may list several names, comma-separated.
  const sans = [...(values['tls-san'] ?? []), env.KUBELAB_TLS_SANS ?? ''].flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return {
    host: values.host ?? env.KUBELAB_API_HOST ?? '127.0.0.1',
    port: number(values.port ?? env.KUBELAB_API_PORT, 'port', 6443),
    database,
    natsUrl,
    ...((values['nats-nkey'] ?? env.KUBELAB_NATS_NKEY) ? { natsNkey: values['nats-nkey'] ?? env.KUBELAB_NATS_NKEY } : {}),
    defaultNotReadyTolerationSeconds: number(values['default-not-ready-toleration-seconds'], 'default-not-ready-toleration-seconds', 300),
    defaultUnreachableTolerationSeconds: number(values['default-unreachable-toleration-seconds'], 'default-unreachable-toleration-seconds', 300),
    serviceCidr: cidr,
    serviceNodePortRange,
    logLevel: values['log-level'] ?? env.KUBELAB_LOG_LEVEL ?? 'warn',
    keepEvents: number(values['keep-events'], 'keep-events', 1_000_000),
    compactionIntervalSeconds: Math.max(1, number(values['compaction-interval-seconds'], 'compaction-interval-seconds', 60)),
    settlePodsAfterSeconds: number(values['settle-pods-after-seconds'], 'settle-pods-after-seconds', 10),
    insecureHttp: values['insecure-http'] ?? env.KUBELAB_INSECURE_HTTP === 'true',
    certDir: values['cert-dir'] ?? env.KUBELAB_CERT_DIR ?? (isPostgresUrl(database) ? '.kubelab/pki' : join(dirname(database), 'pki')),
    tlsSans: sans,
    recordWatchDeliveries: values['record-watch-deliveries'] ?? false,
    authorizationMode,
    auditThrottle: { qps: rate(values['audit-throttle-qps'] ?? env.KUBELAB_AUDIT_THROTTLE_QPS, 'audit-throttle-qps', 10), burst: Math.max(1, number(values['audit-throttle-burst'] ?? env.KUBELAB_AUDIT_THROTTLE_BURST, 'audit-throttle-burst', 20)) },
    kubeadmAddons: values['kubeadm-addons'] ?? env.KUBELAB_KUBEADM_ADDONS === 'true',
    kubernetesVersion,
  };
}
