/**
 * The resource types the api-server serves: one table that discovery, routing,
 * OpenAPI, tables and the event log all read, so a kind is added in one place.
 */

/** A subresource as discovery advertises it (`pods/status`, `deployments/scale`). */
export interface SubresourceType {
  name: string;
  kind: string;
  group: string;
  version: string;
  verbs: string[];
}

/** One served resource type. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: SubresourceType[];
  /** Name of its schema in the OpenAPI components, e.g. io.k8s.api.core.v1.Pod. */
  schemaName: string;
}

const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const statusSub = (group: string, version: string, kind: string): SubresourceType => ({
  name: 'status',
  kind,
  group,
  version,
  verbs: ['get', 'patch', 'update'],
});
const scaleSub: SubresourceType = {
  name: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  verbs: ['get', 'patch', 'update'],
};

function type(
  t: Omit<ResourceType, 'listKind' | 'verbs' | 'categories' | 'shortNames' | 'subresources'> &
    Partial<Pick<ResourceType, 'verbs' | 'categories' | 'shortNames' | 'subresources'>>,
): ResourceType {
  return {
    verbs: allVerbs,
    categories: [],
    shortNames: [],
    subresources: [],
    listKind: `${t.kind}List`,
    ...t,
  };
}

/** Every resource type, in discovery order (the order kubectl's `get all` prints). */
export const resourceTypes: readonly ResourceType[] = [
  type({
    group: '', version: 'v1', kind: 'Pod', plural: 'pods', singular: 'pod', namespaced: true,
    shortNames: ['po'], categories: ['all'], schemaName: 'io.k8s.api.core.v1.Pod',
    subresources: [
      statusSub('', 'v1', 'Pod'),
      { name: 'binding', kind: 'Binding', group: '', version: 'v1', verbs: ['create'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'log', kind: 'Pod', group: '', version: 'v1', verbs: ['get'] },
      { name: 'ephemeralcontainers', kind: 'Pod', group: '', version: 'v1', verbs: ['get', 'patch', 'update'] },
    ],
  }),
  type({
    group: '', version: 'v1', kind: 'Service', plural: 'services', singular: 'service', namespaced: true,
    shortNames: ['svc'], categories: ['all'], schemaName: 'io.k8s.api.core.v1.Service',
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [statusSub('', 'v1', 'Service')],
  }),
  type({
    group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', namespaced: true,
    shortNames: ['cm'], schemaName: 'io.k8s.api.core.v1.ConfigMap',
  }),
  type({
    group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints',
    namespaced: true, shortNames: ['ep'], schemaName: 'io.k8s.api.core.v1.Endpoints',
  }),
  type({
    group: '', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', namespaced: true,
    shortNames: ['ev'], schemaName: 'io.k8s.api.core.v1.Event',
  }),
  type({
    group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange', namespaced: true,
    shortNames: ['limits'], schemaName: 'io.k8s.api.core.v1.LimitRange',
  }),
  type({
    group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace', namespaced: false,
    shortNames: ['ns'], schemaName: 'io.k8s.api.core.v1.Namespace',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [statusSub('', 'v1', 'Namespace')],
  }),
  type({
    group: '', version: 'v1', kind: 'Node', plural: 'nodes', singular: 'node', namespaced: false,
    shortNames: ['no'], schemaName: 'io.k8s.api.core.v1.Node',
    subresources: [statusSub('', 'v1', 'Node')],
  }),
  type({
    group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true,
    schemaName: 'io.k8s.api.core.v1.Secret',
  }),
  type({
    group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision',
    namespaced: true, schemaName: 'io.k8s.api.apps.v1.ControllerRevision',
  }),
  type({
    group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', namespaced: true,
    shortNames: ['ds'], categories: ['all'], schemaName: 'io.k8s.api.apps.v1.DaemonSet',
    subresources: [statusSub('apps', 'v1', 'DaemonSet')],
  }),
  type({
    group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', singular: 'deployment', namespaced: true,
    shortNames: ['deploy'], categories: ['all'], schemaName: 'io.k8s.api.apps.v1.Deployment',
    subresources: [statusSub('apps', 'v1', 'Deployment'), scaleSub],
  }),
  type({
    group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', namespaced: true,
    shortNames: ['rs'], categories: ['all'], schemaName: 'io.k8s.api.apps.v1.ReplicaSet',
    subresources: [statusSub('apps', 'v1', 'ReplicaSet'), scaleSub],
  }),
  type({
    group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', namespaced: true,
    shortNames: ['sts'], categories: ['all'], schemaName: 'io.k8s.api.apps.v1.StatefulSet',
    subresources: [statusSub('apps', 'v1', 'StatefulSet'), scaleSub],
  }),
  type({
    group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', namespaced: true,
    shortNames: ['cj'], categories: ['all'], schemaName: 'io.k8s.api.batch.v1.CronJob',
    subresources: [statusSub('batch', 'v1', 'CronJob')],
  }),
  type({
    group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', singular: 'job', namespaced: true,
    categories: ['all'], schemaName: 'io.k8s.api.batch.v1.Job',
    subresources: [statusSub('batch', 'v1', 'Job')],
  }),
  type({
    group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', singular: 'priorityclass',
    namespaced: false, shortNames: ['pc'], schemaName: 'io.k8s.api.scheduling.v1.PriorityClass',
  }),
  type({
    group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', singular: 'lease', namespaced: true,
    schemaName: 'io.k8s.api.coordination.v1.Lease',
  }),
  type({
    group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', namespaced: true,
    schemaName: 'io.k8s.api.discovery.v1.EndpointSlice',
  }),
];

/** "apps/v1", or "v1" for the core group. */
export function groupVersionOf(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** The resource type served at group/version/plural, if any. */
export function findResourceType(group: string, version: string, plural: string): ResourceType | undefined {
  return resourceTypes.find((t) => t.group === group && t.version === version && t.plural === plural);
}

/** The resource type for an object's apiVersion and kind, if served. */
export function resourceTypeForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return resourceTypes.find((t) => groupVersionOf(t) === apiVersion && t.kind === kind);
}

/** "pods" for the core group, "deployments.apps" otherwise: how Kubernetes names a resource in messages. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}
