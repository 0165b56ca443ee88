/**
 * What the kubelet makes of its files when it starts (kubelet's NewKubeletCommand, loadConfigFile and the
 * dependencies it builds): the KubeletConfiguration at --config read, decoded and checked, and the files it names
 * that must be there. A problem is what the kubelet logs as `"command failed" err="…"` before it exits 1 (systemd then
 * starts it again every 10 s); a static pod path that is not there is only logged, as the kubelet does.
 */
import { yamlToJsonError } from '@kubelab/api';
import { parse as parseYaml, YAMLParseError } from 'yaml';

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

/** The static pod path of kubeadm's KubeletConfiguration, which a kubelet that has not read its file yet uses. */
export const defaultStaticPodPath = '/etc/kubernetes/manifests';

/** How a start goes: the error it exits with, or the lines it logs about what it ignores and the static pod path it watches (none: no file source). */
export type KubeletStart = { ok: false; error: string } | { ok: true; notes: { source: string; message: string }[]; staticPodPath?: string };

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
  const notes: { source: string; message: string }[] = [];
  const staticPodPath = at(config, 'staticPodPath');
  if (typeof staticPodPath === 'string' && staticPodPath !== '' && !disk.exists(staticPodPath)) {
    notes.push({ source: 'file_linux.go:61', message: `"Unable to read config path" err="path does not exist, ignoring" path="${staticPodPath}"` });
  }
  return { ok: true, notes, ...(typeof staticPodPath === 'string' && staticPodPath !== '' ? { staticPodPath } : {}) };
}
