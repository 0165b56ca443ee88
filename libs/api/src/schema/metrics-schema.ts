/**
 * The definitions of metrics.k8s.io/v1beta1 (k8s.io/metrics), which kube-apiserver's OpenAPI gets from metrics-server
 * through the aggregator. The generated catalog is built from the core API's models, which lack them, so they are
 * written here, with k8s.io/metrics' own documentation.
 */
import type { GroupVersionKind, SchemaDefinition } from './catalog-types.js';

const metricsPackage = 'io.k8s.metrics.pkg.apis.metrics.v1beta1';
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const quantityMap = 'map[string]io.k8s.apimachinery.pkg.api.resource.Quantity';
const apiVersion = {
  type: 'string',
  description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
};
const kind = {
  type: 'string',
  description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};
const objectMeta = { type: `${meta}.ObjectMeta`, description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata" };
const listMeta = { type: `${meta}.ListMeta`, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' };
const timestamp = { type: `${meta}.Time`, description: 'The following fields define time interval from which metrics were collected from the interval [Timestamp-Window, Timestamp].' };
const window = { type: 'string' };
const usage = { type: quantityMap, description: 'The memory usage is the memory working set.' };

/** The five definitions, by name. */
export const metricsDefinitions: Record<string, SchemaDefinition> = {
  [`${metricsPackage}.ContainerMetrics`]: {
    description: 'ContainerMetrics sets resource usage metrics of a container.',
    required: ['name', 'usage'],
    properties: { name: { type: 'string', description: 'Container name corresponding to the one from pod.spec.containers.' }, usage },
  },
  [`${metricsPackage}.NodeMetrics`]: {
    description: 'NodeMetrics sets resource usage metrics of a node.',
    required: ['timestamp', 'window', 'usage'],
    properties: { apiVersion, kind, metadata: objectMeta, timestamp, usage, window },
  },
  [`${metricsPackage}.NodeMetricsList`]: {
    description: 'NodeMetricsList is a list of NodeMetrics.',
    required: ['items'],
    properties: { apiVersion, items: { type: `[]${metricsPackage}.NodeMetrics`, description: 'List of node metrics.' }, kind, metadata: listMeta },
  },
  [`${metricsPackage}.PodMetrics`]: {
    description: 'PodMetrics sets resource usage metrics of a pod.',
    required: ['timestamp', 'window', 'containers'],
    properties: {
      apiVersion,
      containers: { type: `[]${metricsPackage}.ContainerMetrics`, description: 'Metrics for all containers are collected within the same time window.' },
      kind, metadata: objectMeta, timestamp, window,
    },
  },
  [`${metricsPackage}.PodMetricsList`]: {
    description: 'PodMetricsList is a list of PodMetrics.',
    required: ['items'],
    properties: { apiVersion, items: { type: `[]${metricsPackage}.PodMetrics`, description: 'List of pod metrics.' }, kind, metadata: listMeta },
  },
};

const gvk = (k: string): GroupVersionKind[] => [{ group: 'metrics.k8s.io', version: 'v1beta1', kind: k }];

/** The kinds they are served as. */
export const metricsKinds: Record<string, GroupVersionKind[]> = Object.fromEntries(
  ['NodeMetrics', 'NodeMetricsList', 'PodMetrics', 'PodMetricsList'].map((k) => [`${metricsPackage}.${k}`, gvk(k)]),
);
