/**
 * The replica calculator for resource metrics (replica_calculator.go, 1.32):
 * GetResourceReplicas for a utilization target (percent of requests) and
 * GetRawResourceReplicas for an average-value target. Ready pods with samples decide
 * first; within the tolerance nothing changes. When some pods lack samples or are
 * unready, the ratio is worked out again assuming the missing use 100% of their
 * request (or the target, when above 100%) on a scale-down and nothing on a scale-up,
 * and the unready nothing on a scale-up; a re-run that flips direction or falls
 * within the tolerance keeps the current count.
 */
import type { Pod } from '@kubelab/api';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import { groupPods, type ReadinessTimings } from './group-pods.js';
import { podRequests } from './pod-requests.js';
import { readResourceMetrics, type PodMetricsInfo, type PodMetricsItem } from './resource-metrics.js';
import { metricUsageRatio, resourceUtilizationRatio } from './utilization.js';

/** What the metrics API answered the list of the target's PodMetrics: the items, or the client's error. */
export type PodMetricsListing = { items: readonly PodMetricsItem[] } | { error: string };

/** One resource metric of the target's pods, as the calculator is asked it. */
export interface ResourceQuestion {
  currentReplicas: number;
  resource: string;
  /** The container of a ContainerResource metric; empty for the whole pod. */
  container: string;
  /** The target's pods (its namespace, its selector). */
  pods: readonly Pod[];
  listing: PodMetricsListing;
  tolerance: number;
  timings: ReadinessTimings;
  clock: WorkloadClock;
}

export type UtilizationAnswer = { replicas: number; utilization: number; rawAverage: number } | { error: string };
export type AverageValueAnswer = { replicas: number; usage: number } | { error: string };

/** The samples of the resource, or the error GetResourceMetric words. */
function samples(q: ResourceQuestion): PodMetricsInfo | { error: string } {
  const prefix = `unable to get metrics for resource ${q.resource}`;
  if ('error' in q.listing) return { error: `${prefix}: unable to fetch metrics from resource metrics API: ${q.listing.error}` };
  const reading = readResourceMetrics(q.listing.items, q.resource, q.container);
  return 'error' in reading ? { error: `${prefix}: ${reading.error}` } : new Map(reading.metrics);
}

/** The ready samples (ignored and unready pods dropped) and the groups, or why there are none. */
function readySamples(q: ResourceQuestion): { metrics: PodMetricsInfo; groups: ReturnType<typeof groupPods> } | { error: string } {
  const metrics = samples(q);
  if ('error' in metrics) return metrics;
  if (q.pods.length === 0) return { error: 'no pods returned by selector while calculating replica count' };
  const groups = groupPods(q.pods, metrics, q.resource, q.timings, q.clock);
  for (const pod of [...groups.ignored, ...groups.unready]) metrics.delete(pod);
  if (metrics.size === 0) return { error: 'did not receive metrics for targeted pods (pods might be unready)' };
  return { metrics, groups };
}

const withinTolerance = (ratio: number, tolerance: number) => Math.abs(1 - ratio) <= tolerance;

/** Whether the re-run ratio keeps the current count: within the tolerance, or the other way than the first. */
const keepsCurrent = (ratio: number, rerun: number, tolerance: number) =>
  withinTolerance(rerun, tolerance) || (ratio < 1 && rerun > 1) || (ratio > 1 && rerun < 1);

/** GetResourceReplicas: the replica count for a utilization target (percent of requests). */
export function utilizationReplicas(q: ResourceQuestion, targetUtilization: number): UtilizationAnswer {
  const ready = readySamples(q);
  if ('error' in ready) return ready;
  const { metrics, groups } = ready;
  const requests = podRequests(q.pods, q.container, q.resource);
  if (!(requests instanceof Map)) return requests;
  const first = resourceUtilizationRatio(metrics, requests, targetUtilization);
  if ('error' in first) return first;
  const { ratio, utilization, rawAverage } = first;
  const current = { replicas: q.currentReplicas, utilization, rawAverage };
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    return withinTolerance(ratio, q.tolerance) ? current : { replicas: Math.ceil(ratio * groups.readyPodCount), utilization, rawAverage };
  }
  if (groups.missing.size > 0 && ratio !== 1) {
    const fallbackUtilization = Math.max(100, targetUtilization);
    for (const pod of groups.missing) {
      const value = ratio < 1 ? Math.trunc((requests.get(pod)! * fallbackUtilization) / 100) : 0;
      metrics.set(pod, { value, timestamp: 0, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready) for (const pod of groups.unready) metrics.set(pod, { value: 0, timestamp: 0, windowMs: 0 });
  const rerun = resourceUtilizationRatio(metrics, requests, targetUtilization);
  if ('error' in rerun) return rerun;
  if (keepsCurrent(ratio, rerun.ratio, q.tolerance)) return current;
  const replicas = Math.ceil(rerun.ratio * metrics.size);
  if ((rerun.ratio < 1 && replicas > q.currentReplicas) || (rerun.ratio > 1 && replicas < q.currentReplicas)) return current;
  return { replicas, utilization, rawAverage };
}

/** GetRawResourceReplicas (calcPlainMetricReplicas): the replica count for an average-value target (milli-units). */
export function averageValueReplicas(q: ResourceQuestion, targetUsage: number): AverageValueAnswer {
  const ready = readySamples(q);
  if ('error' in ready) return ready;
  const { metrics, groups } = ready;
  const { ratio, usage } = metricUsageRatio(metrics, targetUsage);
  const current = { replicas: q.currentReplicas, usage };
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    return withinTolerance(ratio, q.tolerance) ? current : { replicas: Math.ceil(ratio * groups.readyPodCount), usage };
  }
  if (groups.missing.size > 0 && ratio !== 1) {
    for (const pod of groups.missing) metrics.set(pod, { value: ratio < 1 ? targetUsage : 0, timestamp: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const pod of groups.unready) metrics.set(pod, { value: 0, timestamp: 0, windowMs: 0 });
  const rerun = metricUsageRatio(metrics, targetUsage).ratio;
  if (keepsCurrent(ratio, rerun, q.tolerance)) return current;
  const replicas = Math.ceil(rerun * metrics.size);
  if ((rerun < 1 && replicas > q.currentReplicas) || (rerun > 1 && replicas < q.currentReplicas)) return current;
  return { replicas, usage };
}
