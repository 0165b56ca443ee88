/**
 * What the kubelet makes of its files when it starts (kubelet's NewKubeletCommand, loadConfigFile and the
 * dependencies it builds): the KubeletConfiguration at --config read, decoded and checked, and the files it names
 * that must be there. A problem is what the kubelet logs as `"command failed" err="…"` before it exits 1 (systemd then
 * starts it again every 10 s); a static pod path that is not there is only logged, as the kubelet does.
 */
import { yamlToJsonError } from '@kubelab/api';
import { kubeadmRelease } from '@kubelab/images';
import { installedVersionIn } from '@kubelab/shell';
import { isIP } from 'node:net';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { defaultKubeletCgroupDriver } from './runtime/cgroup-driver.js';
import { apiServerEndpoint } from './volumes/kubeadm-files.js';

/** The kubelet's --config on a kubeadm node. */
export const kubeletConfigPath = '/var/lib/kubelet/config.yaml';

const group = 'kubelet.config.k8s.io';
const versions = ['v1beta1', 'v1'];
const scheme = 'pkg/kubelet/apis/config/scheme/scheme.go:34';

/** The node's disk as the kubelet reads it: a file's text (undefined when there is none), and whether anything is at a path. */
export interface KubeletDisk {
  read(path: string): string | undefined;
  exists(path: string): boolean;
}

/**
 * The release the kubelet binary is: the kubelet package dpkg installed ('1.33.2-1.1' → v1.33.2), which `systemctl
 * restart kubelet` runs after an upgrade; a disk without dpkg's status has the lab's first release.
 */
export function kubeletPackageVersion(disk: KubeletDisk): string {
  const status = disk.read('/var/lib/dpkg/status');
  const installed = status === undefined ? undefined : installedVersionIn(status, 'kubelet');
  const release = installed === undefined ? undefined : /^(\d+\.\d+\.\d+)-/.exec(installed)?.[1];
  return release === undefined ? kubeadmRelease : `v${release}`;
}

/** The static pod path of kubeadm's KubeletConfiguration, which a kubelet that has not read its file yet uses. */
export const defaultStaticPodPath = '/etc/kubernetes/manifests';

/** The kubelet's kubeconfig and the bootstrap one it falls back to (kubeadm's drop-in names both). */
export const kubeletKubeconfigPath = '/etc/kubernetes/kubelet.conf';
const bootstrapKubeconfigPath = '/etc/kubernetes/bootstrap-kubelet.conf';

/** A started kubelet's settings that shape its pods: the DNS server and domain their resolv.conf names (kubelet's clusterDNS, first entry). */
export interface KubeletDns {
  clusterDns?: string;
  clusterDomain?: string;
}

/**
 * How a start goes: the error it exits with; or the lines it logs about what it ignores, the static pod path it watches
 * (none: no file source), its pods' DNS, the cgroup driver it asks containerd for, and, when its kubeconfig names a server the lab's API is not at, that server and
 * how dialling it fails (the kubelet runs, but registers nothing and renews no lease).
 */
export type KubeletStart =
  | { ok: false; error: string }
  | { ok: true; notes: { source: string; message: string }[]; staticPodPath?: string; dns: KubeletDns; cgroupDriver: string; unreachable?: { server: string; error: string } };

const noSuchFile = (path: string) => `open ${path}: no such file or directory`;

/** The configuration decoded as the kubelet's codec does, or why it could not be (decodeKubeletConfiguration's words). */
function decode(text: string): { config: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    if (e instanceof YAMLParseError) return { error: `failed to decode: ${yamlToJsonError(e)}` };
    throw e;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: `failed to decode: couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }` };
  }
  const config = value as Record<string, unknown>;
  const kind = typeof config.kind === 'string' ? config.kind : '';
  const apiVersion = typeof config.apiVersion === 'string' ? config.apiVersion : '';
  if (!kind) return { error: `failed to decode: Object 'Kind' is missing in '${JSON.stringify(config)}'` };
  const [g, v] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  if (kind !== 'KubeletConfiguration' || g !== group || !versions.includes(v)) {
    return { error: `failed to decode: no kind "${kind}" is registered for version "${apiVersion}" in scheme "${scheme}"` };
  }
  return { config };
}

const at = (o: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

/** The kubelet's start on this disk, with its configuration at `configPath`. */
export function kubeletStart(disk: KubeletDisk, configPath = kubeletConfigPath): KubeletStart {
  const load = (why: string): KubeletStart => ({ ok: false, error: `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error ${why}` });
  const text = disk.read(configPath);
  if (text === undefined) return load(`failed to read kubelet config file "${configPath}", error: ${noSuchFile(configPath)}`);
  if (text.length === 0) return load(`kubelet config file "${configPath}" was empty`);
  const decoded = decode(text);
  if ('error' in decoded) return load(decoded.error);
  const { config } = decoded;
  const clientCaFile = at(config, 'authentication', 'x509', 'clientCAFile');
  if (typeof clientCaFile === 'string' && clientCaFile !== '' && disk.read(clientCaFile) === undefined) {
    return { ok: false, error: `failed to construct kubelet dependencies: unable to load client CA file ${clientCaFile}: ${noSuchFile(clientCaFile)}` };
  }
  const server = kubeconfigServer(disk);
  if ('error' in server) return { ok: false, error: server.error };
  const notes: { source: string; message: string }[] = [];
  const staticPodPath = at(config, 'staticPodPath');
  if (typeof staticPodPath === 'string' && staticPodPath !== '' && !disk.exists(staticPodPath)) {
    notes.push({ source: 'file_linux.go:61', message: `"Unable to read config path" err="path does not exist, ignoring" path="${staticPodPath}"` });
  }
  const dns = kubeletDns(config, notes);
  const cgroupDriver = typeof config.cgroupDriver === 'string' && config.cgroupDriver !== '' ? config.cgroupDriver : defaultKubeletCgroupDriver;
  const unreachable = server.server === apiServerEndpoint ? undefined : { server: server.server, error: dialError(server.server) };
  return { ok: true, notes, dns, cgroupDriver, ...(typeof staticPodPath === 'string' && staticPodPath !== '' ? { staticPodPath } : {}), ...(unreachable ? { unreachable } : {}) };
}

/** clusterDNS's first address and clusterDomain; an entry that is no IP address is only logged, as NewMainKubelet does. */
function kubeletDns(config: Record<string, unknown>, notes: { source: string; message: string }[]): KubeletDns {
  const entries = Array.isArray(config.clusterDNS) ? config.clusterDNS.filter((e): e is string => typeof e === 'string') : [];
  const valid = entries.filter((entry) => isIP(entry) !== 0);
  for (const entry of entries.filter((e) => isIP(e) === 0)) notes.push({ source: 'kubelet.go:511', message: `"Invalid clusterDNS IP" IP="${entry}"` });
  const domain = typeof config.clusterDomain === 'string' && config.clusterDomain !== '' ? config.clusterDomain : undefined;
  return { ...(valid.length ? { clusterDns: valid[0] } : {}), ...(domain ? { clusterDomain: domain } : {}) };
}

/**
 * The server of kubelet.conf's current context (or, without kubelet.conf, of the bootstrap kubeconfig the kubelet would
 * bootstrap against), or why the kubelet cannot start (clientcmd's and the bootstrap's words).
 */
function kubeconfigServer(disk: KubeletDisk): { server: string } | { error: string } {
  const path = disk.read(kubeletKubeconfigPath) === undefined ? bootstrapKubeconfigPath : kubeletKubeconfigPath;
  const text = disk.read(path);
  if (text === undefined) return { error: `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${bootstrapKubeconfigPath}: no such file or directory` };
  const invalid = (why: string) => ({ error: `failed to run Kubelet: invalid kubeconfig: ${why}` });
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    if (e instanceof YAMLParseError) return { error: `failed to run Kubelet: error loading config file "${path}": ${yamlToJsonError(e)}` };
    throw e;
  }
  const contextName = at(value, 'current-context');
  const named = (list: string, name: unknown) => (Array.isArray(at(value, list)) ? (at(value, list) as unknown[]) : []).find((item) => at(item, 'name') === name);
  const context = named('contexts', contextName);
  if (!context) return invalid(`context was not found for specified context: ${typeof contextName === 'string' ? contextName : ''}`);
  const clusterName = at(context, 'context', 'cluster');
  const server = at(named('clusters', clusterName), 'cluster', 'server');
  if (typeof server !== 'string' || server === '') return invalid(`cluster has no server defined`);
  return { server };
}

/** How dialling `server` from a node fails: refused on a lab address nothing listens at, no such host for a name the node does not know, a timeout elsewhere. */
function dialError(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return `parse "${server}": invalid URI for request`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  if (isIP(host) === 0) return `dial tcp: lookup ${host} on 172.18.0.1:53: no such host`;
  if (host.startsWith('172.18.') || host.startsWith('127.')) return `dial tcp ${host}:${port}: connect: connection refused`;
  return `dial tcp ${host}:${port}: i/o timeout`;
}
