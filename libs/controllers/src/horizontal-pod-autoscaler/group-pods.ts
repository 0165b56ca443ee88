/**
 * groupPods (replica_calculator.go): which of the target's pods a metric counts.
 * Deleted and Failed pods are ignored; Pending pods are unready; pods the metrics API
 * has no sample of are missing; for CPU, a pod is unready while its Ready condition or
 * start time is unknown, while in its initialization period it is unready or its
 * sample predates a full window since it turned ready, and after that period when it
 * is unready and never was ready (its only readiness change came right at start).
 */
import type { Pod } from '@kubelab/api';
import { scaledMs, type WorkloadClock } from '../replicaset/workload-clock.js';
import type { PodMetricsInfo } from './resource-metrics.js';

export interface PodGroups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** The timings groupPods judges CPU samples by (Kubernetes seconds). */
export interface ReadinessTimings {
  cpuInitializationPeriodSeconds: number;
  initialReadinessDelaySeconds: number;
}

function isUnreadyForCpu(pod: Pod, sampledAt: number, windowMs: number, timings: ReadinessTimings, clock: WorkloadClock): boolean {
  const ready = (pod.status?.conditions ?? []).find((c: { type?: string }) => c.type === 'Ready');
  const startTime = Date.parse(pod.status?.startTime ?? '');
  if (!ready || Number.isNaN(startTime)) return true;
  const transition = Date.parse(ready.lastTransitionTime ?? '') || 0;
  if (startTime + scaledMs(timings.cpuInitializationPeriodSeconds, clock) > clock.now.getTime()) {
    return ready.status === 'False' || sampledAt < transition + windowMs / clock.timeScale;
  }
  return ready.status === 'False' && startTime + scaledMs(timings.initialReadinessDelaySeconds, clock) > transition;
}

/** Sorts the pods into ready (counted), unready, missing and ignored, for `resource`'s metric. */
export function groupPods(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, timings: ReadinessTimings, clock: WorkloadClock): PodGroups {
  const groups: PodGroups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      groups.ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      groups.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      groups.missing.add(name);
      continue;
    }
    if (resource === 'cpu' && isUnreadyForCpu(pod, metric.timestamp, metric.windowMs, timings, clock)) {
      groups.unready.add(name);
      continue;
    }
    groups.readyPodCount++;
  }
  return groups;
}
