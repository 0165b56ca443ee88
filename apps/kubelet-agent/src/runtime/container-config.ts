/**
 * What the kubelet reads from the API before it creates a container or mounts a
 * pod's volumes: environment from values, ConfigMaps, Secrets and the pod's own
 * fields (with `$(VAR)` expansion), and the files of configMap, secret and projected
 * volumes, and the downward API's fields and resources. Pure given a lookup; a missing object or key is a failure worded as the
 * kubelet words it (`configmap "app" not found`), unless marked optional.
 */
import type { ConfigMap, Pod, Secret } from '@kubelab/api';
import type { Container, KeyToPath, Volume, VolumeProjection } from 'kubernetes-types/core/v1';
import { downwardApiFiles, podField, resourceFieldValue, type Allocatable } from './downward-api.js';

/** The ConfigMaps and Secrets the node can read. */
export interface ConfigLookup {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

type Source = 'ConfigMap' | 'Secret';

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
const decode = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

/** The string values of a ConfigMap (data and binaryData) or a Secret (data, decoded). */
function valuesOf(source: Source, obj: ConfigMap | Secret): Record<string, string> {
  if (source === 'Secret') return Object.fromEntries(Object.entries(obj.data ?? {}).map(([k, v]) => [k, decode(String(v))]));
  const configMap = obj as ConfigMap;
  return { ...configMap.data, ...Object.fromEntries(Object.entries(configMap.binaryData ?? {}).map(([k, v]) => [k, decode(String(v))])) };
}

function fetch(lookup: ConfigLookup, source: Source, namespace: string, name: string): ConfigMap | Secret | undefined {
  return source === 'ConfigMap' ? lookup.configMap(namespace, name) : lookup.secret(namespace, name);
}

const notFound = (source: Source, name: string) => `${source === 'ConfigMap' ? 'configmap' : 'secret'} "${name}" not found`;

/** `$(VAR)` references to variables defined before; `$$(VAR)` stays literal as `$(VAR)`. */
export function expandVariables(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && Object.hasOwn(env, name) ? env[name] : match;
  });
}

/** The container's environment over the image's, or why the container cannot be created. */
export function resolveEnv(container: Container, pod: Pod, base: Readonly<Record<string, string>>, lookup: ConfigLookup, allocatable: Allocatable = {}): Resolved<Record<string, string>> {
  const namespace = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = { ...base };
  for (const from of container.envFrom ?? []) {
    const source: Source = from.secretRef ? 'Secret' : 'ConfigMap';
    const ref: { name?: string; optional?: boolean } = from.secretRef ?? from.configMapRef ?? {};
    // Validation requires the name of every envFrom source.
    const name = ref.name ?? '';
    const obj = fetch(lookup, source, namespace, name);
    if (!obj) {
      if (ref.optional) continue;
      return fail(notFound(source, name));
    }
    for (const [k, v] of Object.entries(valuesOf(source, obj))) env[`${from.prefix ?? ''}${k}`] = v;
  }
  for (const e of container.env ?? []) {
    if (typeof e.value === 'string') {
      env[e.name] = expandVariables(e.value, env);
      continue;
    }
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (ref) {
      const source: Source = e.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
      // Validation requires the name of every key reference.
      const name = ref.name ?? '';
      const obj = fetch(lookup, source, namespace, name);
      const value = obj ? valuesOf(source, obj)[ref.key] : undefined;
      if (value !== undefined) env[e.name] = value;
      else if (!ref.optional) return fail(obj ? `couldn't find key ${ref.key} in ${source} ${namespace}/${name}` : notFound(source, name));
      continue;
    }
    const path = e.valueFrom?.fieldRef?.fieldPath;
    const resource = e.valueFrom?.resourceFieldRef;
    if (path !== undefined) env[e.name] = podField(pod, path) ?? '';
    else if (resource) {
      const named = resource.containerName ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === resource.containerName) : container;
      const value = resourceFieldValue(named ?? {}, resource, allocatable);
      if (value === undefined) return fail(`unsupported container resource : ${resource.resource}`);
      env[e.name] = value;
    } else if (e.value === undefined && !e.valueFrom) env[e.name] = '';
  }
  return { ok: true, value: env };
}

/** A configMap or secret volume, or such a projected source: which object (a secret volume names it `secretName`), and which keys go where. */
interface KeyFilesSource {
  name?: string;
  secretName?: string;
  items?: KeyToPath[];
  optional?: boolean;
}

/** The files of one configMap or secret source: every key, or the listed items at their paths. */
function sourceFiles(source: Source, ref: KeyFilesSource, namespace: string, lookup: ConfigLookup): Resolved<Record<string, string>> {
  // Validation requires the name of configMap and secret volumes.
  const name = (source === 'Secret' ? ref.secretName ?? ref.name : ref.name) ?? '';
  const obj = fetch(lookup, source, namespace, name);
  if (!obj) return ref.optional ? { ok: true, value: {} } : fail(notFound(source, name));
  const values = valuesOf(source, obj);
  if (!ref.items?.length) return { ok: true, value: values };
  const files: Record<string, string> = {};
  for (const item of ref.items) {
    if (!(item.key in values)) {
      if (ref.optional) continue;
      return fail(source === 'ConfigMap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`);
    }
    files[item.path] = values[item.key];
  }
  return { ok: true, value: files };
}

/** What a volume needs beyond ConfigMaps and Secrets: the node's allocatable, and the token fetched for each projected token source. */
export interface VolumeContext {
  allocatable?: Allocatable;
  serviceAccountToken?: (volume: string, path: string) => string | undefined;
}

type VolumeFiles = Resolved<Record<string, string>>;

/** The files of one projected source (configMap, secret, downwardAPI, serviceAccountToken). */
function projectedSourceFiles(pod: Pod, volume: string, source: VolumeProjection, lookup: ConfigLookup, context: VolumeContext): VolumeFiles {
  const namespace = pod.metadata.namespace ?? 'default';
  if (source.configMap) return sourceFiles('ConfigMap', source.configMap, namespace, lookup);
  if (source.secret) return sourceFiles('Secret', source.secret, namespace, lookup);
  if (source.downwardAPI) return downwardApiFiles(pod, source.downwardAPI.items ?? [], context.allocatable ?? {});
  const path = source.serviceAccountToken?.path;
  const token = path === undefined ? undefined : context.serviceAccountToken?.(volume, path);
  return { ok: true, value: path === undefined || token === undefined ? {} : { [path]: token } };
}

/** The files of one volume the kubelet writes itself; undefined for every other kind of volume. */
function volumeFiles(pod: Pod, v: Volume, lookup: ConfigLookup, context: VolumeContext): VolumeFiles | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  if (v.configMap) return sourceFiles('ConfigMap', v.configMap, namespace, lookup);
  if (v.secret) return sourceFiles('Secret', v.secret, namespace, lookup);
  if (v.downwardAPI) return downwardApiFiles(pod, v.downwardAPI.items ?? [], context.allocatable ?? {});
  if (!v.projected) return undefined;
  const files: Record<string, string> = {};
  for (const source of v.projected.sources ?? []) {
    const resolved = projectedSourceFiles(pod, v.name, source, lookup, context);
    if (!resolved.ok) return resolved;
    Object.assign(files, resolved.value);
  }
  return { ok: true, value: files };
}

/** The files of each configMap, secret, downwardAPI and projected volume of the pod, or the first that cannot be mounted. */
export function resolveVolumeFiles(pod: Pod, lookup: ConfigLookup, context: VolumeContext = {}): Resolved<Map<string, Record<string, string>>> | { ok: false; message: string; volume: string } {
  const volumes = new Map<string, Record<string, string>>();
  for (const v of pod.spec?.volumes ?? []) {
    const resolved = volumeFiles(pod, v, lookup, context);
    if (!resolved) continue;
    if (!resolved.ok) return { ok: false, message: resolved.message, volume: v.name };
    volumes.set(v.name, resolved.value);
  }
  return { ok: true, value: volumes };
}
