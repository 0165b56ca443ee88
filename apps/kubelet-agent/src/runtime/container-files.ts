/**
 * The files a container finds that its image does not bring: what the kubelet and the
 * runtime write for every container (/etc/hosts, /etc/resolv.conf, /etc/hostname) and the
 * few /proc entries tutorials read (the ServiceAccount token comes with the kube-api-access
 * volume that admission adds). Pure: the pod, its IP and the node's settings in, a map
 * of path → content out, worded byte for byte as the kubelet (pkg/kubelet/kubelet_pods.go,
 * pkg/kubelet/network/dns/dns.go) and containerd write them.
 */
import { parseQuantity } from '@kubelab/api';
import type { Pod } from '@kubelab/api';
import type { Container, EphemeralContainer, PodDNSConfig } from 'kubernetes-types/core/v1';

/** The kubelet's --cluster-dns and --cluster-domain, and the node's own resolver (--resolv-conf). */
export interface ClusterDns {
  nameserver: string;
  domain: string;
  host: ResolverConfig;
}

/** The node a container runs on: its name and address (a hostNetwork pod shares them) and what it can allocate. */
export interface NodeFacts {
  name: string;
  ip: string;
  allocatable: Readonly<Record<string, string>>;
}

export interface ResolverConfig {
  nameservers: string[];
  searches: string[];
  options: string[];
}

/** What the node knows about the pod and itself when it creates a container. */
export interface ContainerFilesInput {
  pod: Pod;
  podIP: string;
  node: NodeFacts;
  /** The cluster DNS; without a host resolver, the node resolves through its network's gateway. */
  dns: Omit<ClusterDns, 'host'> & { host?: ResolverConfig };
  /** The container's spec (its securityContext), and its PID 1 as containerd starts it (entrypoint and command merged). */
  container: Pick<Container | EphemeralContainer, 'securityContext'>;
  argv: string[];
}

/** The kubelet's defaults: ClusterFirst pods get ndots:5; searches are capped as in formDNSConfigFitsLimits. */
const clusterFirstOptions = ['ndots:5'];
const maxDnsSearches = 32;
const maxHostnameLength = 63;

/** The node's own resolv.conf: a kind node's names go to its Docker network's gateway (x.y.0.1). */
export function nodeResolver(nodeIp: string): ResolverConfig {
  return { nameservers: [nodeIp.replace(/\.\d+\.\d+$/, '.0.1')], searches: [], options: [] };
}

/** The pod's hostname and its domain (GeneratePodHostNameAndDomain): spec.hostname or the name, truncated to 63. */
export function podHostnameAndDomain(pod: Pod, clusterDomain: string): { hostname: string; domain: string } {
  const wanted = pod.spec?.hostname || pod.metadata.name || '';
  const hostname = wanted.length > maxHostnameLength ? wanted.slice(0, maxHostnameLength).replace(/[-.]+$/, '') : wanted;
  const domain = pod.spec?.subdomain ? `${pod.spec.subdomain}.${pod.metadata.namespace}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}

/** The hostname a container sees ($HOSTNAME, /etc/hostname): the node's on the host network, the FQDN with setHostnameAsFQDN. */
export function containerHostname(pod: Pod, nodeName: string, clusterDomain: string): string {
  if (pod.spec?.hostNetwork) return nodeName;
  const { hostname, domain } = podHostnameAndDomain(pod, clusterDomain);
  return pod.spec?.setHostnameAsFQDN && domain ? `${hostname}.${domain}` : hostname;
}

/** hostAliases after the kubelet's "# Entries added by HostAliases." line. */
function hostAliasEntries(pod: Pod): string {
  const aliases = (pod.spec?.hostAliases ?? []) as { ip: string; hostnames?: string[] }[];
  if (aliases.length === 0) return '';
  return `\n# Entries added by HostAliases.\n${aliases.flatMap((a) => (a.hostnames ?? []).map((h) => `${a.ip}\t${h}\n`)).join('')}`;
}

/** /etc/hosts as the kubelet writes it (managedHostsFileContent, or the node's file for hostNetwork pods). */
export function hostsFile(pod: Pod, podIP: string, node: { name: string; ip: string }, clusterDomain: string): string {
  if (pod.spec?.hostNetwork) {
    return `# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${node.ip}\t${node.name}\n${hostAliasEntries(pod)}`;
  }
  const { hostname, domain } = podHostnameAndDomain(pod, clusterDomain);
  const own = domain ? `${podIP}\t${hostname}.${domain}\t${hostname}\n` : `${podIP}\t${hostname}\n`;
  return [
    '# Kubernetes-managed hosts file.\n',
    '127.0.0.1\tlocalhost\n',
    '::1\tlocalhost ip6-localhost ip6-loopback\n',
    'fe00::0\tip6-localnet\n',
    'fe00::0\tip6-mcastprefix\n',
    'fe00::1\tip6-allnodes\n',
    'fe00::2\tip6-allrouters\n',
    own,
    hostAliasEntries(pod),
  ].join('');
}

const unique = (values: string[]) => [...new Set(values)];

/** spec.dnsConfig merged over the policy's resolver (appendDNSConfig): servers and searches appended, options by name. */
function appendDnsConfig(base: ResolverConfig, dnsConfig: PodDNSConfig | undefined): ResolverConfig {
  if (!dnsConfig) return base;
  const options = new Map<string, string>();
  for (const o of base.options) {
    const colon = o.indexOf(':');
    options.set(colon === -1 ? o : o.slice(0, colon), colon === -1 ? '' : o.slice(colon + 1));
  }
  for (const o of (dnsConfig.options ?? []) as { name: string; value?: string }[]) options.set(o.name, o.value ?? '');
  return {
    nameservers: unique([...base.nameservers, ...(dnsConfig.nameservers ?? [])]),
    searches: unique([...base.searches, ...(dnsConfig.searches ?? [])]),
    options: [...options].map(([name, value]) => (value ? `${name}:${value}` : name)),
  };
}

/** The resolver the pod's dnsPolicy gives it (GetPodDNS): the cluster's, the node's, or only spec.dnsConfig. */
export function podResolver(pod: Pod, dns: ClusterDns): ResolverConfig {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
  const ns = pod.metadata.namespace ?? 'default';
  const base: ResolverConfig = policy === 'None' ? { nameservers: [], searches: [], options: [] }
    : cluster ? { nameservers: [dns.nameserver], searches: [`${ns}.svc.${dns.domain}`, `svc.${dns.domain}`, dns.domain, ...dns.host.searches], options: clusterFirstOptions }
      : dns.host;
  const merged = appendDnsConfig(base, pod.spec?.dnsConfig);
  return { ...merged, searches: merged.searches.slice(0, maxDnsSearches) };
}

/** /etc/resolv.conf as containerd writes it from the kubelet's DNS config: search, nameservers, options. */
export function resolvConf(resolver: ResolverConfig): string {
  return [
    resolver.searches.length ? `search ${resolver.searches.join(' ')}\n` : '',
    ...resolver.nameservers.map((n) => `nameserver ${n}\n`),
    resolver.options.length ? `options ${resolver.options.join(' ')}\n` : '',
  ].join('');
}

/** /proc/1/cmdline, /proc/1/status and the machine's cpuinfo and meminfo, as much as tutorials read of them. */
export function procFiles(argv: string[], runAsUser: number, allocatable: Readonly<Record<string, string>>): Record<string, string> {
  const quantity = (value: string | undefined, fallback: number) => {
    try {
      return value === undefined ? fallback : parseQuantity(value);
    } catch {
      return fallback;
    }
  };
  const node = { cpus: Math.max(1, Math.ceil(quantity(allocatable.cpu, 1))), memoryBytes: quantity(allocatable.memory, 1024 ** 3) };
  const comm = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1).slice(0, 15);
  const id = `${runAsUser}\t${runAsUser}\t${runAsUser}\t${runAsUser}`;
  return {
    '/proc/1/cmdline': argv.map((a) => `${a}\0`).join(''),
    '/proc/1/status': `Name:\t${comm}\nState:\tS (sleeping)\nTgid:\t1\nPid:\t1\nPPid:\t0\nUid:\t${id}\nGid:\t${id}\nThreads:\t1\n`,
    '/proc/cpuinfo': machineFile(cpuinfos, node.cpus, cpuinfo),
    '/proc/meminfo': machineFile(meminfos, node.memoryBytes, meminfo),
  };
}

/** The machine's files, one text per machine size: every container of a node (most nodes are alike) holds the same string. */
const cpuinfos = new Map<number, string>();
const meminfos = new Map<number, string>();

function machineFile(made: Map<number, string>, size: number, make: (size: number) => string): string {
  let text = made.get(size);
  if (text === undefined) made.set(size, (text = make(size)));
  return text;
}

function cpuinfo(cpus: number): string {
  return Array.from({ length: cpus }, (_, i) =>
    `processor\t: ${i}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\ncpu MHz\t\t: 2200.000\ncpu cores\t: ${cpus}\n\n`).join('');
}

function meminfo(memoryBytes: number): string {
  const kib = (bytes: number) => `${String(Math.floor(bytes / 1024)).padStart(8)} kB`;
  return `MemTotal:       ${kib(memoryBytes)}\nMemFree:        ${kib(memoryBytes / 2)}\nMemAvailable:   ${kib(memoryBytes / 2)}\n`;
}

/** Every file the kubelet and the runtime add to a container's file system. */
export function containerFiles(input: ContainerFilesInput): Record<string, string> {
  const { pod, node } = input;
  const dns: ClusterDns = { ...input.dns, host: input.dns.host ?? nodeResolver(node.ip) };
  const runAsUser = Number(input.container?.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser ?? 0);
  return {
    '/etc/hosts': hostsFile(pod, input.podIP, node, dns.domain),
    '/etc/resolv.conf': resolvConf(podResolver(pod, dns)),
    '/etc/hostname': `${containerHostname(pod, node.name, dns.domain)}\n`,
    ...procFiles(input.argv, runAsUser, node.allocatable),
  };
}
