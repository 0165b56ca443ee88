/**
 * NodeMetrics and PodMetrics (metrics.k8s.io/v1beta1) built from the agents' usage reports, in metrics-server's wire
 * shape: CPU in nanocores and memory in bytes as canonical quantities (`1234567n`, `5000Ki`), the timestamp and window
 * of the measurement, and metadata made for the answer (name, namespace, labels of the node or pod, creationTimestamp
 * now). A list's items carry no kind or apiVersion, as a Go list encodes them.
 */
import { formatQuantity } from '../admission/quantity.js';
import { kubeTime } from '../commands/meta.js';
import type { KubeObject, ObjectMeta } from '../object.js';
import type { Pod } from '../typed-objects.js';
import type { NodeUsageReport, NodeUsageReports, PodUsage } from './node-usage-report.js';

export const metricsApiVersion = 'metrics.k8s.io/v1beta1';

/** What was used over the window, as canonical quantities. */
export interface MetricsUsage {
  cpu: string;
  memory: string;
}

/** metrics.k8s.io/v1beta1 NodeMetrics (kubernetes-types has no metrics group). */
export interface NodeMetrics extends KubeObject {
  timestamp: string;
  window: string;
  usage: MetricsUsage;
}

/** metrics.k8s.io/v1beta1 PodMetrics: the usage of each container. */
export interface PodMetrics extends KubeObject {
  timestamp: string;
  window: string;
  containers: { name: string; usage: MetricsUsage }[];
}

/** CPU in nanocores as a canonical DecimalSI quantity (metrics-server's NewScaledQuantity(n, Nano)). */
export function cpuQuantity(nanoCores: number): string {
  return formatQuantity({ nanos: BigInt(Math.max(0, Math.round(nanoCores))), format: 'DecimalSI' });
}

/** Memory in bytes as a canonical BinarySI quantity. */
export function memoryQuantity(bytes: number): string {
  return formatQuantity({ nanos: BigInt(Math.max(0, Math.round(bytes))) * 1_000_000_000n, format: 'BinarySI' });
}

/** True while the report is fresh at `now`. */
export function isCurrentReport(report: NodeUsageReport, now: Date): boolean {
  return Date.parse(report.expires) > now.getTime();
}

function metadataOf(object: KubeObject, now: Date, namespaced: boolean): ObjectMeta {
  const labels = object.metadata.labels;
  return {
    name: object.metadata.name,
    ...(namespaced ? { namespace: object.metadata.namespace } : {}),
    creationTimestamp: kubeTime(now),
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
  };
}

/** The NodeMetrics of `node`, from its agent's report. */
export function nodeMetrics(node: KubeObject, report: NodeUsageReport, now: Date): NodeMetrics {
  return {
    kind: 'NodeMetrics',
    apiVersion: metricsApiVersion,
    metadata: metadataOf(node, now, false),
    timestamp: report.timestamp,
    window: report.window,
    usage: { cpu: cpuQuantity(report.cpuNanoCores), memory: memoryQuantity(report.memoryBytes) },
  };
}

/** The PodMetrics of `pod`, from what its node's report says of it. */
export function podMetrics(pod: KubeObject, usage: PodUsage, report: NodeUsageReport, now: Date): PodMetrics {
  return {
    kind: 'PodMetrics',
    apiVersion: metricsApiVersion,
    metadata: metadataOf(pod, now, true),
    timestamp: report.timestamp,
    window: usage.window,
    containers: usage.containers.map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.cpuNanoCores), memory: memoryQuantity(c.memoryBytes) } })),
  };
}

/** The usage a fresh report of the pod's node holds for the pod (this very pod: its UID), if any. */
export function podUsageOf(pod: KubeObject, reports: NodeUsageReports, now: Date): { usage: PodUsage; report: NodeUsageReport } | undefined {
  const report = reports.get((pod as Pod).spec?.nodeName ?? '');
  if (!report || !isCurrentReport(report, now)) return undefined;
  const usage = report.pods.find((p) => p.uid === pod.metadata.uid);
  return usage && { usage, report };
}

/** An object as a list item: without kind and apiVersion. */
export function metricsListItem(object: KubeObject): Omit<KubeObject, 'kind' | 'apiVersion'> {
  const { kind: _kind, apiVersion: _apiVersion, ...item } = object;
  return item;
}

/** The APIService of the resource metrics API, which the api-server serves beside the projection (never logged). */
export const metricsApiServiceName = 'v1beta1.metrics.k8s.io';

/** Whether an object is that APIService: it has nothing in the event log to agree with. */
export function isMetricsApiService(obj: KubeObject): boolean {
  return obj.kind === 'APIService' && obj.metadata.name === metricsApiServiceName;
}
