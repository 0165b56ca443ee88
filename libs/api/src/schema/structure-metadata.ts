/**
 * How server-side apply sees the structure of each field, from the
 * `+listType`/`+listMapKey`/`+mapType`/`+structType` markers of k8s.io/api: which lists
 * are associative (and on which keys), which are sets, which lists, maps and structs
 * are atomic. The OpenAPI models kubelab generates from carry none of these markers, so
 * the explicit ones live here; every other list falls back to what structured-merge-diff
 * does for built-in types: a list with a patch merge key is associative on that key, a
 * merge list without one is a set, and any other list is atomic.
 */
import { patchMetadata } from './patch-metadata.js';
import { shortDefinitionName } from './schema-catalog.js';

/** A list's relationship between its elements. */
export type ListType =
  | { type: 'atomic' }
  | { type: 'set' }
  | { type: 'map'; keys: readonly string[]; keyDefaults: Readonly<Record<string, string>> };

const map = (keys: string[], keyDefaults: Record<string, string> = {}): ListType => ({ type: 'map', keys, keyDefaults });
const atomic: ListType = { type: 'atomic' };
const byProtocol = { protocol: 'TCP' };

/** Explicit list markers that differ from the patch-strategy fallback, by definition and field. */
const listMarkers: Record<string, Record<string, ListType>> = {
  Container: { ports: map(['containerPort', 'protocol'], byProtocol) },
  EphemeralContainer: { ports: map(['containerPort', 'protocol'], byProtocol) },
  ServiceSpec: { ports: map(['port', 'protocol'], byProtocol), clusterIPs: atomic, ipFamilies: atomic },
  PodSpec: { topologySpreadConstraints: map(['topologyKey', 'whenUnsatisfiable']) },
};

/** Structs and maps that are replaced whole (`+structType=atomic`, `+mapType=atomic`). */
const atomicStructs = new Set([
  'LabelSelector', 'ObjectReference', 'LocalObjectReference', 'ConfigMapKeySelector', 'SecretKeySelector',
  'ObjectFieldSelector', 'ResourceFieldSelector', 'NodeSelector', 'NodeSelectorTerm', 'TypedLocalObjectReference',
  'SecretReference', 'ClaimSource',
]);
const atomicMaps: Record<string, readonly string[]> = { PodSpec: ['nodeSelector'], ServiceSpec: ['selector'], ReplicationControllerSpec: ['selector'] };

/** The list type of `field` in definition `name` (io.k8s.api.core.v1.PodSpec). */
export function listTypeOf(name: string, field: string): ListType {
  const explicit = listMarkers[shortDefinitionName(name)]?.[field];
  if (explicit) return explicit;
  const metadata = patchMetadata(name, field);
  if (!metadata?.['x-kubernetes-patch-strategy'].includes('merge')) return atomic;
  const key = metadata['x-kubernetes-patch-merge-key'];
  return key ? map([key]) : { type: 'set' };
}

/** True for a struct definition that is always replaced whole. */
export function isAtomicStruct(name: string): boolean {
  return atomicStructs.has(shortDefinitionName(name));
}

/** True for a `map[string]T` field marked atomic. */
export function isAtomicMap(name: string, field: string): boolean {
  return atomicMaps[shortDefinitionName(name)]?.includes(field) ?? false;
}
