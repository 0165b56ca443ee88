/**
 * The resource types the api-server serves: one table that discovery, routing,
 * OpenAPI, tables and the event log all read, so a kind is added in one place.
 */

import type { CustomResourceInfo } from './custom-resources/types.js';

/** A subresource as discovery advertises it (`pods/status`, `deployments/scale`). */
export interface SubresourceType {
  name: string;
  kind: string;
  group: string;
  version: string;
  verbs: string[];
}

/**
 * How a type is stored: `log` (its own objects in the event log), `view` (another served
 * version of a stored kind, converted on the way in and out: autoscaling/v1
 * HorizontalPodAutoscaler, events.k8s.io/v1 Event), `none` (answered, never stored: the
 * review kinds, bindings, component statuses) or `metrics` (the resource metrics API, made
 * of the agents' usage reports as metrics-server serves it behind the aggregator).
 */
export type Storage = 'log' | 'view' | 'none' | 'metrics';

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
  storage: Storage;
  /** Set on the types served from a CustomResourceDefinition. */
  custom?: CustomResourceInfo;
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

/** The Go package path segment of a group's types: apps → apps, rbac.authorization.k8s.io → rbac. */
const schemaPackages: Readonly<Record<string, string>> = {
  '': 'core',
  'admissionregistration.k8s.io': 'admissionregistration',
  'apiextensions.k8s.io': 'apiextensions',
  'apiregistration.k8s.io': 'apiregistration',
  'authentication.k8s.io': 'authentication',
  'authorization.k8s.io': 'authorization',
  'certificates.k8s.io': 'certificates',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'events.k8s.io': 'events',
  'flowcontrol.apiserver.k8s.io': 'flowcontrol',
  'networking.k8s.io': 'networking',
  'node.k8s.io': 'node',
  'rbac.authorization.k8s.io': 'rbac',
  'scheduling.k8s.io': 'scheduling',
  'storage.k8s.io': 'storage',
};

/** io.k8s.api.apps.v1.Deployment; the extension API servers' kinds live in their own Go modules. */
function schemaNameOf(group: string, version: string, kind: string): string {
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${kind}`;
  if (group === 'apiregistration.k8s.io') return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}.${kind}`;
  if (group === 'metrics.k8s.io') return `io.k8s.metrics.pkg.apis.metrics.${version}.${kind}`;
  return `io.k8s.api.${schemaPackages[group] ?? group}.${version}.${kind}`;
}

type TypeSpec = Pick<ResourceType, 'kind' | 'plural'> &
  Partial<Pick<ResourceType, 'verbs' | 'categories' | 'shortNames' | 'subresources' | 'namespaced' | 'storage' | 'singular'>>;

/** The types of one group version, in discovery order; `namespaced` defaults to true. */
function groupVersion(group: string, version: string, specs: TypeSpec[]): ResourceType[] {
  return specs.map((s) => ({
    group,
    version,
    listKind: `${s.kind}List`,
    singular: s.kind.toLowerCase(),
    schemaName: schemaNameOf(group, version, s.kind),
    verbs: allVerbs,
    categories: [],
    shortNames: [],
    subresources: [],
    namespaced: true,
    storage: 'log',
    ...s,
  }));
}

const withStatus = (group: string, version: string, kind: string, ...more: SubresourceType[]) => [statusSub(group, version, kind), ...more];
const createOnly = { verbs: ['create'], storage: 'none' as const };
const apiExtensions = ['api-extensions'];

/**
 * Every resource type a Kubernetes 1.32 kube-apiserver serves by default, in its discovery
 * order: the core group, then the named groups by kube-apiserver's group priority, the
 * resources of a group version in alphabetical order (the order kubectl's `get all` prints).
 */
export const resourceTypes: readonly ResourceType[] = [
  ...groupVersion('', 'v1', [
    { kind: 'Binding', plural: 'bindings', ...createOnly },
    { kind: 'ComponentStatus', plural: 'componentstatuses', namespaced: false, shortNames: ['cs'], verbs: ['get', 'list'], storage: 'none' },
    { kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'] },
    { kind: 'Endpoints', plural: 'endpoints', shortNames: ['ep'] },
    { kind: 'Event', plural: 'events', shortNames: ['ev'] },
    { kind: 'LimitRange', plural: 'limitranges', shortNames: ['limits'] },
    {
      kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'],
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      subresources: [
        { name: 'finalize', kind: 'Namespace', group: '', version: 'v1', verbs: ['update'] },
        statusSub('', 'v1', 'Namespace'),
      ],
    },
    { kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], subresources: withStatus('', 'v1', 'Node') },
    { kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', shortNames: ['pvc'], subresources: withStatus('', 'v1', 'PersistentVolumeClaim') },
    { kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, shortNames: ['pv'], subresources: withStatus('', 'v1', 'PersistentVolume') },
    {
      kind: 'Pod', plural: 'pods', shortNames: ['po'], categories: ['all'],
      subresources: [
        { name: 'attach', kind: 'PodAttachOptions', group: '', version: 'v1', verbs: ['create', 'get'] },
        { name: 'binding', kind: 'Binding', group: '', version: 'v1', verbs: ['create'] },
        { name: 'ephemeralcontainers', kind: 'Pod', group: '', version: 'v1', verbs: ['get', 'patch', 'update'] },
        { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
        { name: 'exec', kind: 'PodExecOptions', group: '', version: 'v1', verbs: ['create', 'get'] },
        { name: 'log', kind: 'Pod', group: '', version: 'v1', verbs: ['get'] },
        { name: 'portforward', kind: 'PodPortForwardOptions', group: '', version: 'v1', verbs: ['create', 'get'] },
        { name: 'proxy', kind: 'PodProxyOptions', group: '', version: 'v1', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
        statusSub('', 'v1', 'Pod'),
      ],
    },
    { kind: 'PodTemplate', plural: 'podtemplates' },
    {
      kind: 'ReplicationController', plural: 'replicationcontrollers', shortNames: ['rc'], categories: ['all'],
      subresources: [scaleSub, statusSub('', 'v1', 'ReplicationController')],
    },
    { kind: 'ResourceQuota', plural: 'resourcequotas', shortNames: ['quota'], subresources: withStatus('', 'v1', 'ResourceQuota') },
    { kind: 'Secret', plural: 'secrets' },
    {
      kind: 'ServiceAccount', plural: 'serviceaccounts', shortNames: ['sa'],
      subresources: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }],
    },
    { kind: 'Service', plural: 'services', shortNames: ['svc'], categories: ['all'], subresources: withStatus('', 'v1', 'Service') },
  ]),
  ...groupVersion('apiregistration.k8s.io', 'v1', [
    { kind: 'APIService', plural: 'apiservices', namespaced: false, categories: apiExtensions, subresources: withStatus('apiregistration.k8s.io', 'v1', 'APIService') },
  ]),
  ...groupVersion('apps', 'v1', [
    { kind: 'ControllerRevision', plural: 'controllerrevisions' },
    { kind: 'DaemonSet', plural: 'daemonsets', shortNames: ['ds'], categories: ['all'], subresources: withStatus('apps', 'v1', 'DaemonSet') },
    { kind: 'Deployment', plural: 'deployments', shortNames: ['deploy'], categories: ['all'], subresources: [scaleSub, statusSub('apps', 'v1', 'Deployment')] },
    { kind: 'ReplicaSet', plural: 'replicasets', shortNames: ['rs'], categories: ['all'], subresources: [scaleSub, statusSub('apps', 'v1', 'ReplicaSet')] },
    { kind: 'StatefulSet', plural: 'statefulsets', shortNames: ['sts'], categories: ['all'], subresources: [scaleSub, statusSub('apps', 'v1', 'StatefulSet')] },
  ]),
  ...groupVersion('events.k8s.io', 'v1', [
    { kind: 'Event', plural: 'events', shortNames: ['ev'], storage: 'view' },
  ]),
  ...groupVersion('authentication.k8s.io', 'v1', [
    { kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', namespaced: false, ...createOnly },
    { kind: 'TokenReview', plural: 'tokenreviews', namespaced: false, ...createOnly },
  ]),
  ...groupVersion('authorization.k8s.io', 'v1', [
    { kind: 'LocalSubjectAccessReview', plural: 'localsubjectaccessreviews', ...createOnly },
    { kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', namespaced: false, ...createOnly },
    { kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', namespaced: false, ...createOnly },
    { kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', namespaced: false, ...createOnly },
  ]),
  ...groupVersion('autoscaling', 'v2', [
    { kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', shortNames: ['hpa'], categories: ['all'], subresources: withStatus('autoscaling', 'v2', 'HorizontalPodAutoscaler') },
  ]),
  ...groupVersion('autoscaling', 'v1', [
    { kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', shortNames: ['hpa'], categories: ['all'], storage: 'view', subresources: withStatus('autoscaling', 'v1', 'HorizontalPodAutoscaler') },
  ]),
  ...groupVersion('batch', 'v1', [
    { kind: 'CronJob', plural: 'cronjobs', shortNames: ['cj'], categories: ['all'], subresources: withStatus('batch', 'v1', 'CronJob') },
    { kind: 'Job', plural: 'jobs', categories: ['all'], subresources: withStatus('batch', 'v1', 'Job') },
  ]),
  ...groupVersion('certificates.k8s.io', 'v1', [
    {
      kind: 'CertificateSigningRequest', plural: 'certificatesigningrequests', namespaced: false, shortNames: ['csr'],
      subresources: [
        { name: 'approval', kind: 'CertificateSigningRequest', group: 'certificates.k8s.io', version: 'v1', verbs: ['get', 'patch', 'update'] },
        statusSub('certificates.k8s.io', 'v1', 'CertificateSigningRequest'),
      ],
    },
  ]),
  ...groupVersion('networking.k8s.io', 'v1', [
    { kind: 'IngressClass', plural: 'ingressclasses', namespaced: false },
    { kind: 'Ingress', plural: 'ingresses', shortNames: ['ing'], subresources: withStatus('networking.k8s.io', 'v1', 'Ingress') },
    { kind: 'NetworkPolicy', plural: 'networkpolicies', shortNames: ['netpol'] },
  ]),
  ...groupVersion('policy', 'v1', [
    { kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', shortNames: ['pdb'], subresources: withStatus('policy', 'v1', 'PodDisruptionBudget') },
  ]),
  ...groupVersion('rbac.authorization.k8s.io', 'v1', [
    { kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false },
    { kind: 'ClusterRole', plural: 'clusterroles', namespaced: false },
    { kind: 'RoleBinding', plural: 'rolebindings' },
    { kind: 'Role', plural: 'roles' },
  ]),
  ...groupVersion('storage.k8s.io', 'v1', [
    { kind: 'CSIDriver', plural: 'csidrivers', namespaced: false },
    { kind: 'CSINode', plural: 'csinodes', namespaced: false },
    { kind: 'CSIStorageCapacity', plural: 'csistoragecapacities' },
    { kind: 'StorageClass', plural: 'storageclasses', namespaced: false, shortNames: ['sc'] },
    { kind: 'VolumeAttachment', plural: 'volumeattachments', namespaced: false, subresources: withStatus('storage.k8s.io', 'v1', 'VolumeAttachment') },
  ]),
  ...groupVersion('admissionregistration.k8s.io', 'v1', [
    { kind: 'MutatingWebhookConfiguration', plural: 'mutatingwebhookconfigurations', namespaced: false, categories: apiExtensions },
    {
      kind: 'ValidatingAdmissionPolicy', plural: 'validatingadmissionpolicies', namespaced: false, categories: apiExtensions,
      subresources: withStatus('admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicy'),
    },
    { kind: 'ValidatingAdmissionPolicyBinding', plural: 'validatingadmissionpolicybindings', namespaced: false, categories: apiExtensions },
    { kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', namespaced: false, categories: apiExtensions },
  ]),
  ...groupVersion('apiextensions.k8s.io', 'v1', [
    {
      kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, shortNames: ['crd', 'crds'], categories: apiExtensions,
      subresources: withStatus('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition'),
    },
  ]),
  ...groupVersion('scheduling.k8s.io', 'v1', [
    { kind: 'PriorityClass', plural: 'priorityclasses', namespaced: false, shortNames: ['pc'] },
  ]),
  ...groupVersion('coordination.k8s.io', 'v1', [
    { kind: 'Lease', plural: 'leases' },
  ]),
  ...groupVersion('node.k8s.io', 'v1', [
    { kind: 'RuntimeClass', plural: 'runtimeclasses', namespaced: false },
  ]),
  ...groupVersion('discovery.k8s.io', 'v1', [
    { kind: 'EndpointSlice', plural: 'endpointslices' },
  ]),
  ...groupVersion('flowcontrol.apiserver.k8s.io', 'v1', [
    { kind: 'FlowSchema', plural: 'flowschemas', namespaced: false, subresources: withStatus('flowcontrol.apiserver.k8s.io', 'v1', 'FlowSchema') },
    {
      kind: 'PriorityLevelConfiguration', plural: 'prioritylevelconfigurations', namespaced: false,
      subresources: withStatus('flowcontrol.apiserver.k8s.io', 'v1', 'PriorityLevelConfiguration'),
    },
  ]),
  // metrics-server's group, last as its APIService's groupPriorityMinimum (100) places it; no singular names, as it serves them.
  ...groupVersion('metrics.k8s.io', 'v1beta1', [
    { kind: 'NodeMetrics', plural: 'nodes', singular: '', namespaced: false, verbs: ['get', 'list'], storage: 'metrics' },
    { kind: 'PodMetrics', plural: 'pods', singular: '', verbs: ['get', 'list'], storage: 'metrics' },
  ]),
];

/**
 * The types whose objects the event log holds, one per stored kind (a kind served in two
 * versions is stored once): what namespace deletion, replay and the caches walk.
 */
export const storedTypes: readonly ResourceType[] = resourceTypes.filter((t) => t.storage === 'log');

/** The stored type of a kind (core Event for events.k8s.io/v1 Event, autoscaling/v2 for v1 HPAs). */
export function storedTypeOf(kind: string): ResourceType | undefined {
  return storedTypes.find((t) => t.kind === kind);
}

/** "apps/v1", or "v1" for the core group. */
export function groupVersionOf(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

let served: readonly ResourceType[] = resourceTypes;

/**
 * Replaces the types served from CustomResourceDefinitions. The api-server calls it whenever
 * a CRD is established, changed or gone, so every lookup below sees the current set without
 * its callers passing it around.
 */
export function serveCustomResourceTypes(types: readonly ResourceType[]): void {
  served = types.length === 0 ? resourceTypes : [...resourceTypes, ...types];
}

/** Every type served now: the built-in table, then the established CRDs' versions. */
export function servedTypes(): readonly ResourceType[] {
  return served;
}

/**
 * The kind the event log and the projection key a type's objects by: the kind itself for
 * built-ins, `CronTab.stable.example.com` for a custom kind, so it can never collide with a
 * built-in kind (or another group's kind) of the same name.
 */
export function storeKindOf(t: ResourceType): string {
  return t.custom ? `${t.kind}.${t.group}` : t.kind;
}

/** The type a person means by `pod`, `pods`, `po`, `Pod`, `deployment.apps` or `httproute` among `types` (the built-in ones unless given). */
export function typeNamed(text: string, types: readonly ResourceType[] = resourceTypes): ResourceType | undefined {
  const [name, group] = text.toLowerCase().split(/\.(.*)/s);
  return types.find((t) =>
    (group === undefined || t.group === group)
    && (t.kind.toLowerCase() === name || t.singular === name || t.plural === name || t.shortNames.includes(name)));
}

/** The resource type served at group/version/plural, if any. */
export function findResourceType(group: string, version: string, plural: string): ResourceType | undefined {
  return servedTypes().find((t) => t.group === group && t.version === version && t.plural === plural);
}

/** The resource type for an object's apiVersion and kind, if served. */
export function resourceTypeForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return servedTypes().find((t) => groupVersionOf(t) === apiVersion && t.kind === kind);
}

/** "pods" for the core group, "deployments.apps" otherwise: how Kubernetes names a resource in messages. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}
