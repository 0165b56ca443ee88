/**
 * What the kubelet reads from the API before it creates a container or mounts a
 * pod's volumes: environment from values, ConfigMaps, Secrets and the pod's own
 * fields (with `$(VAR)` expansion), and the files of configMap, secret and projected
 * volumes. Pure given a lookup; a missing object or key is a failure worded as the
 * kubelet words it (`configmap "app" not found`), unless marked optional.
 */
import type { KubeObject } from '@kubelab/api';

/** The ConfigMaps and Secrets the node can read. */
export interface ConfigLookup {
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

type Source = 'ConfigMap' | 'Secret';

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
const decode = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

/** The string values of a ConfigMap (data and binaryData) or a Secret (data, decoded). */
function valuesOf(source: Source, obj: KubeObject): Record<string, string> {
  if (source === 'Secret') return Object.fromEntries(Object.entries(obj.data ?? {}).map(([k, v]) => [k, decode(String(v))]));
  return { ...obj.data, ...Object.fromEntries(Object.entries(obj.binaryData ?? {}).map(([k, v]) => [k, decode(String(v))])) };
}

function fetch(lookup: ConfigLookup, source: Source, namespace: string, name: string): KubeObject | undefined {
  return source === 'ConfigMap' ? lookup.configMap(namespace, name) : lookup.secret(namespace, name);
}

const notFound = (source: Source, name: string) => `${source === 'ConfigMap' ? 'configmap' : 'secret'} "${name}" not found`;

/** metadata.name, metadata.labels['app'], status.podIP … of the pod (the downward API). */
function fieldOf(pod: KubeObject, path: string): string | undefined {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return pod.metadata[label[1] as 'labels' | 'annotations']?.[label[2]] ?? '';
  const simple: Record<string, unknown> = {
    'metadata.name': pod.metadata.name, 'metadata.namespace': pod.metadata.namespace, 'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName, 'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP, 'status.podIP': pod.status?.podIP, 'status.podIPs': pod.status?.podIP,
  };
  return path in simple ? String(simple[path] ?? '') : undefined;
}

/** `$(VAR)` references to variables defined before; `$$(VAR)` stays literal as `$(VAR)`. */
export function expandVariables(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && Object.hasOwn(env, name) ? env[name] : match;
  });
}

/** The container's environment over the image's, or why the container cannot be created. */
export function resolveEnv(container: any, pod: KubeObject, base: Readonly<Record<string, string>>, lookup: ConfigLookup): Resolved<Record<string, string>> {
  const namespace = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = { ...base };
  for (const from of (container.envFrom ?? []) as any[]) {
    const source: Source = from.secretRef ? 'Secret' : 'ConfigMap';
    const ref = from.secretRef ?? from.configMapRef ?? {};
    const obj = fetch(lookup, source, namespace, ref.name);
    if (!obj) {
      if (ref.optional) continue;
      return fail(notFound(source, ref.name));
    }
    for (const [k, v] of Object.entries(valuesOf(source, obj))) env[`${from.prefix ?? ''}${k}`] = v;
  }
  for (const e of (container.env ?? []) as any[]) {
    if (typeof e.value === 'string') {
      env[e.name] = expandVariables(e.value, env);
      continue;
    }
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (ref) {
      const source: Source = e.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap';
      const obj = fetch(lookup, source, namespace, ref.name);
      const value = obj ? valuesOf(source, obj)[ref.key] : undefined;
      if (value !== undefined) env[e.name] = value;
      else if (!ref.optional) return fail(obj ? `couldn't find key ${ref.key} in ${source} ${namespace}/${ref.name}` : notFound(source, ref.name));
      continue;
    }
    const path = e.valueFrom?.fieldRef?.fieldPath;
    if (path !== undefined) env[e.name] = fieldOf(pod, path) ?? '';
    else if (e.value === undefined && !e.valueFrom) env[e.name] = '';
  }
  return { ok: true, value: env };
}

/** The files of one configMap or secret source: every key, or the listed items at their paths. */
function sourceFiles(source: Source, ref: any, namespace: string, lookup: ConfigLookup): Resolved<Record<string, string>> {
  const obj = fetch(lookup, source, namespace, source === 'Secret' ? ref.secretName ?? ref.name : ref.name);
  if (!obj) return ref.optional ? { ok: true, value: {} } : fail(notFound(source, source === 'Secret' ? ref.secretName ?? ref.name : ref.name));
  const values = valuesOf(source, obj);
  if (!ref.items?.length) return { ok: true, value: values };
  const files: Record<string, string> = {};
  for (const item of ref.items as any[]) {
    if (!(item.key in values)) {
      if (ref.optional) continue;
      return fail(source === 'ConfigMap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`);
    }
    files[item.path] = values[item.key];
  }
  return { ok: true, value: files };
}

/** The files of each configMap, secret and projected volume of the pod, or the first that cannot be mounted. */
export function resolveVolumeFiles(pod: KubeObject, lookup: ConfigLookup): Resolved<Map<string, Record<string, string>>> | { ok: false; message: string; volume: string } {
  const namespace = pod.metadata.namespace ?? 'default';
  const volumes = new Map<string, Record<string, string>>();
  for (const v of (pod.spec?.volumes ?? []) as any[]) {
    if (!v.configMap && !v.secret && !v.projected) continue;
    const sources: [Source, any][] = v.configMap ? [['ConfigMap', v.configMap]] : v.secret ? [['Secret', v.secret]]
      : ((v.projected.sources ?? []) as any[]).flatMap((s): [Source, any][] => (s.configMap ? [['ConfigMap', s.configMap]] : s.secret ? [['Secret', s.secret]] : []));
    const files: Record<string, string> = {};
    for (const [source, ref] of sources) {
      const resolved = sourceFiles(source, ref, namespace, lookup);
      if (!resolved.ok) return { ok: false, message: resolved.message, volume: v.name };
      Object.assign(files, resolved.value);
    }
    volumes.set(v.name, files);
  }
  return { ok: true, value: volumes };
}
