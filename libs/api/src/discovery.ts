/**
 * Discovery documents built from the registry: the aggregated form kubectl asks for
 * first, and the legacy per-group-version lists that `kubectl drain` still reads.
 */
import { groupVersionOf, servedTypes, type ResourceType } from './registry.js';

/** The release an api-server reports unless told which (its kube-apiserver static pod's image tag): the one kubelab's API is. */
export const defaultKubernetesVersion = 'v1.32.0';

/** What /version answers for release `gitVersion` (vX.Y.Z); kubectl's dispatcher picks its client by this minor. */
export const versionInfo = (gitVersion = defaultKubernetesVersion) => ({
  major: gitVersion.split('.')[0].replace(/^v/, ''),
  minor: gitVersion.split('.')[1],
  gitVersion,
  gitCommit: 'kubelab',
  gitTreeState: 'clean',
  buildDate: '2026-11-22T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
});

/** Media type of aggregated discovery replies; kubectl reads them only when so labelled. */
export function aggregatedDiscoveryMediaType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

function aggregatedResource(t: ResourceType) {
  return {
    resource: t.plural,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: t.verbs,
    ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length ? { categories: t.categories } : {}),
    subresources: t.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: s.verbs,
    })),
  };
}

/** The served groups of /api (core) or /apis, each with its versions, preferred version first. */
function groupsOf(core: boolean): Map<string, Map<string, ResourceType[]>> {
  const groups = new Map<string, Map<string, ResourceType[]>>();
  for (const t of servedTypes()) {
    if ((t.group === '') !== core) continue;
    const versions = groups.get(t.group) ?? new Map<string, ResourceType[]>();
    versions.set(t.version, [...(versions.get(t.version) ?? []), t]);
    groups.set(t.group, versions);
  }
  return groups;
}

/** /api (core) or /apis (named groups) as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(core: boolean, version: 'v2' | 'v2beta1') {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: [...groupsOf(core)].map(([group, versions]) => ({
      metadata: { name: group },
      versions: [...versions].map(([v, types]) => ({ version: v, freshness: 'Current', resources: types.map(aggregatedResource) })),
    })),
  };
}

/** Legacy /api. */
export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** One named group with its versions, preferred first. */
function groupEntry(group: string, versions: Map<string, ResourceType[]>) {
  const served = [...versions.keys()].map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: served, preferredVersion: served[0] };
}

/** Legacy /apis. */
export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groupsOf(false)].map(([group, versions]) => groupEntry(group, versions)) };
}

/** /apis/G: the APIGroup of a named group; undefined when not served. */
export function apiGroup(group: string) {
  const versions = groupsOf(false).get(group);
  return versions && { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, versions) };
}

/** Legacy /api/v1 or /apis/G/V, with subresources as `parent/sub`; undefined when not served. */
export function apiResourceList(group: string, version: string) {
  const types = servedTypes().filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf({ group, version }),
    resources: types.flatMap((t) => [
      {
        name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs,
        ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
        ...(t.categories.length ? { categories: t.categories } : {}),
      },
      ...t.subresources.map((s) => ({
        name: `${t.plural}/${s.name}`, singularName: '', namespaced: t.namespaced,
        ...(s.group !== t.group || s.version !== t.version ? { group: s.group, version: s.version } : {}),
        kind: s.kind, verbs: s.verbs,
      })),
    ]),
  };
}
