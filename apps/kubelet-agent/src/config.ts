/** kubelet-agent settings from flags (and KUBELAB_* environment variables, for compose). */
import { parseArgs } from 'node:util';
import { natsServers } from '@kubelab/bus';
import type { Taint } from 'kubernetes-types/core/v1';

export interface AgentConfig {
  nodeNames: string[];
  natsUrl: string;
  /** The nkey seed file this agent signs in to NATS with, as the kubelet of its nodes; none for an open nats-server. */
  natsNkey?: string;
  timeScale: number;
  catalogFile: string;
  /** A user catalog over the lab's (its entries may copy the lab's images with `like:`). */
  catalogExtraFile?: string;
  cpu: string;
  memory: string;
  maxPods: number;
  /** Index of this agent's first node in the lab, for distinct pod CIDRs and addresses (0: kubeadm's control-plane node, 10.244.0.0/24). */
  nodeIndexBase: number;
  /** Labels and taints its nodes register with (the kubelet's --node-labels and --register-with-taints). */
  nodeLabels: Record<string, string>;
  registerWithTaints: Taint[];
  /** Folder of static pod manifests, one subfolder per node name (as kubelet's --pod-manifest-path). */
  staticPodDir?: string;
  /** The cluster DNS Service's address and the cluster domain pods resolve names in (kubelet's --cluster-dns, --cluster-domain). */
  clusterDns: string;
  clusterDomain: string;
  /** Whether pods serve the cluster DNS (kubeadm's CoreDNS behind kube-dns); without, the agent answers names itself, as in a lab without add-ons. */
  clusterDnsFromPods: boolean;
  /** Whether the nodes account CPU and memory use (metrics, node-pressure eviction); off only to measure what it costs. */
  usage: boolean;
  /** Its nodes are machines with kubeadm's packages that wait for `kubeadm join` before their kubelet runs and registers (--await-join), unless their disk shows they joined. */
  awaitJoin: boolean;
  logLevel: string;
}

const usage = `usage: kubelet-agent --nats-url nats://127.0.0.1:4222[,nats://…] [--nats-nkey FILE] [--node-name node-1 [--node-name node-2 …] | --nodes 100 --node-prefix sim-]
  [--time-scale 1] [--catalog deploy/images.yaml] [--catalog-extra FILE] [--cpu 4] [--memory 8Gi] [--max-pods 110] [--node-index 1] [--static-pod-dir DIR]
  [--cluster-dns 10.96.0.10] [--cluster-domain cluster.local] [--node-labels K=V,…] [--register-with-taints K[=V]:EFFECT,…] [--cluster-dns-from-pods] [--no-usage] [--await-join] [--log-level warn]`;

/** Parses argv; throws an Error whose message says what to fix. */
export function parseAgentConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): AgentConfig {
  let values: Record<string, string | undefined>;
  let accountsUsage = true;
  let dnsFromPods = false;
  let awaitJoin = false;
  let named: string[] = [];
  try {
    const { values: parsed } = parseArgs({
      args: argv,
      options: {
        'node-name': { type: 'string', multiple: true }, nodes: { type: 'string' }, 'node-prefix': { type: 'string' }, 'nats-url': { type: 'string' }, 'nats-nkey': { type: 'string' },
        'time-scale': { type: 'string' }, catalog: { type: 'string' }, 'catalog-extra': { type: 'string' }, cpu: { type: 'string' }, memory: { type: 'string' },
        'max-pods': { type: 'string' }, 'node-index': { type: 'string' }, 'log-level': { type: 'string' }, 'static-pod-dir': { type: 'string' },
        'cluster-dns': { type: 'string' }, 'cluster-domain': { type: 'string' }, 'no-usage': { type: 'boolean' },
        'node-labels': { type: 'string' }, 'register-with-taints': { type: 'string' }, 'cluster-dns-from-pods': { type: 'boolean' },
        'await-join': { type: 'boolean' },
      },
      strict: true,
    });
    const { 'no-usage': noUsage, 'cluster-dns-from-pods': fromPods, 'await-join': join, 'node-name': names, ...strings } = parsed;
    named = names ?? [];
    accountsUsage = noUsage !== true;
    awaitJoin = join === true;
    dnsFromPods = fromPods === true || env.KUBELAB_CLUSTER_DNS_FROM_PODS === 'true';
    values = strings;
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${usage}`);
  }
  const natsUrl = values['nats-url'] ?? env.KUBELAB_NATS_URL;
  if (!natsUrl) throw new Error(`--nats-url is required\n${usage}`);
  // One NATS server, or the members of a cluster comma-separated: refused here when one is no NATS URL.
  natsServers(natsUrl);
  const count = Number(values.nodes ?? 1);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--nodes must be a whole number ≥ 1, got "${values.nodes}"`);
  const timeScale = Number(values['time-scale'] ?? env.KUBELAB_TIME_SCALE ?? 1);
  if (!(timeScale > 0)) throw new Error(`--time-scale must be a positive number, got "${values['time-scale']}"`);
  const maxPods = Number(values['max-pods'] ?? 110);
  if (!Number.isInteger(maxPods) || maxPods < 1) throw new Error(`--max-pods must be a whole number ≥ 1`);
  if (values.nodes && named.length) throw new Error(`--nodes names its nodes from --node-prefix; give either --nodes or --node-name\n${usage}`);
  if (new Set(named).size < named.length) throw new Error(`--node-name ${named.find((n, i) => named.indexOf(n) !== i)} is given twice: an agent hosts each node once`);
  // Several --node-name: the agent hosts each, their indexes (pod CIDRs) counting up from the first's.
  const nodeNames = values.nodes
    ? Array.from({ length: count }, (_, i) => `${values['node-prefix'] ?? 'node-'}${i + 1}`)
    : named.length ? named : [env.KUBELAB_NODE_NAME ?? 'node-1'];
  const clusterDns = values['cluster-dns'] ?? env.KUBELAB_CLUSTER_DNS ?? '10.96.0.10';
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(clusterDns)) throw new Error(`--cluster-dns must be an IPv4 address like 10.96.0.10, got "${clusterDns}"`);
  const indexBase = Number(values['node-index'] ?? (/(\d+)$/.exec(nodeNames[0])?.[1] ?? 1));
  const natsNkey = values['nats-nkey'] ?? env.KUBELAB_NATS_NKEY;
  return {
    nodeNames, natsUrl, timeScale, maxPods,
    ...(natsNkey ? { natsNkey } : {}),
    catalogFile: values.catalog ?? env.KUBELAB_IMAGE_CATALOG ?? 'deploy/images.yaml',
    catalogExtraFile: values['catalog-extra'] ?? env.KUBELAB_IMAGE_CATALOG_EXTRA,
    cpu: values.cpu ?? '4',
    memory: values.memory ?? '8Gi',
    nodeIndexBase: Number.isInteger(indexBase) && indexBase >= 0 ? indexBase : 1,
    nodeLabels: nodeLabelsFlag(values['node-labels'] ?? ''),
    registerWithTaints: taintsFlag(values['register-with-taints'] ?? ''),
    staticPodDir: values['static-pod-dir'] ?? env.KUBELAB_STATIC_POD_DIR,
    clusterDns,
    clusterDnsFromPods: dnsFromPods,
    clusterDomain: values['cluster-domain'] ?? env.KUBELAB_CLUSTER_DOMAIN ?? 'cluster.local',
    usage: accountsUsage,
    awaitJoin,
    logLevel: values['log-level'] ?? env.KUBELAB_LOG_LEVEL ?? 'warn',
  };
}

/** --node-labels: `key=value` pairs, comma-separated (an empty value is a label with no value, as kubeadm's role labels). */
function nodeLabelsFlag(list: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of list.split(',').filter((p) => p !== '')) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--node-labels: "${pair}" is not key=value\n${usage}`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}

/** --register-with-taints: `key[=value]:Effect`, comma-separated, as the kubelet takes them. */
function taintsFlag(list: string): Taint[] {
  return list.split(',').filter((t) => t !== '').map((taint) => {
    const match = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(taint);
    if (!match) throw new Error(`--register-with-taints: "${taint}" is not key[=value]:NoSchedule|PreferNoSchedule|NoExecute\n${usage}`);
    return { key: match[1], ...(match[2] ? { value: match[2] } : {}), effect: match[3] };
  });
}
