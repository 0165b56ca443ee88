/**
 * The metrics package's ratios (pkg/controller/podautoscaler/metrics/utilization.go):
 * how far the pods' usage is from the target, in Go's integer arithmetic (int64
 * division truncates) so that the percentages and averages match to the unit.
 */
import type { PodMetricsInfo } from './resource-metrics.js';

/** Usage over target, the utilization (% of requests) and the average raw usage (milli-units). */
export interface UtilizationRatio {
  ratio: number;
  utilization: number;
  rawAverage: number;
}

/** GetResourceUtilizationRatio: samples of pods with no known request are extraneous. */
export function resourceUtilizationRatio(metrics: PodMetricsInfo, requests: ReadonlyMap<string, number>, targetUtilization: number): UtilizationRatio | { error: string } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [pod, metric] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) return { error: 'no metrics returned matched known pods' };
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

/** GetMetricUsageRatio: the average usage over the target average. */
export function metricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): { ratio: number; usage: number } {
  let total = 0;
  for (const metric of metrics.values()) total += metric.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}
