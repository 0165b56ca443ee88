/**
 * The resource metrics client's reading of a metrics.k8s.io/v1beta1 PodMetrics list
 * (pkg/controller/podautoscaler/metrics/client.go, GetResourceMetric): per pod, the
 * usage of one resource in milli-units, summed over its containers or taken from one
 * container, with the sample's timestamp and window.
 */
import { milliValue, parseGoDuration, toQuantity } from '@kubelab/api';

/** One item of a PodMetricsList as the metrics API serves it. */
export interface PodMetricsItem {
  metadata: { name?: string; namespace?: string; labels?: Record<string, string> };
  timestamp?: string;
  window?: string;
  containers?: { name: string; usage?: Record<string, string> }[];
}

/** One pod's sample: the usage (milli-units), when it was taken (epoch ms) and over how long (Kubernetes ms). */
export interface PodMetric {
  value: number;
  timestamp: number;
  windowMs: number;
}

/** Samples by pod name. */
export type PodMetricsInfo = Map<string, PodMetric>;

/** The samples and the first item's timestamp, or the error the metrics client words. */
export type ResourceMetricsReading = { metrics: PodMetricsInfo; timestamp: number } | { error: string };

const milli = (quantity: string): number => Number(milliValue(toQuantity(quantity)));

function sample(item: PodMetricsItem, value: number): PodMetric {
  return { value, timestamp: Date.parse(item.timestamp ?? ''), windowMs: parseGoDuration(item.window ?? '') ?? 0 };
}

/** getPodMetrics: a pod counts only when every container reports the resource. */
function podMetrics(items: readonly PodMetricsItem[], resource: string): PodMetricsInfo {
  const metrics: PodMetricsInfo = new Map();
  for (const item of items) {
    const containers = item.containers ?? [];
    if (containers.length === 0 || containers.some((c) => c.usage?.[resource] === undefined)) continue;
    metrics.set(item.metadata.name ?? '', sample(item, containers.reduce((sum, c) => sum + milli(c.usage![resource]), 0)));
  }
  return metrics;
}

/** getContainerMetrics (1.32): a pod without the container is an error; a container without the resource is skipped. */
function containerMetrics(items: readonly PodMetricsItem[], resource: string, container: string): PodMetricsInfo | string {
  const metrics: PodMetricsInfo = new Map();
  for (const item of items) {
    const found = (item.containers ?? []).find((c) => c.name === container);
    if (!found) return `container ${container} not present in metrics for pod ${item.metadata.namespace ?? ''}/${item.metadata.name ?? ''}`;
    const usage = found.usage?.[resource];
    if (usage !== undefined) metrics.set(item.metadata.name ?? '', sample(item, milli(usage)));
  }
  return metrics;
}

/**
 * GetResourceMetric on a listed PodMetricsList (`container` empty for the whole pod). A usage that
 * is no quantity fails as the client's decoding of the list would.
 */
export function readResourceMetrics(items: readonly PodMetricsItem[], resource: string, container: string): ResourceMetricsReading {
  if (items.length === 0) return { error: 'no metrics returned from resource metrics API' };
  const timestamp = Date.parse(items[0].timestamp ?? '');
  try {
    if (!container) return { metrics: podMetrics(items, resource), timestamp };
    const metrics = containerMetrics(items, resource, container);
    return typeof metrics === 'string' ? { error: `failed to get container metrics: ${metrics}` } : { metrics, timestamp };
  } catch (e) {
    return { error: `unable to fetch metrics from resource metrics API: ${(e as Error).message}` };
  }
}
