/**
 * The pods and PodMetrics of the HPA specs, built as upstream's replica_calculator_test.go
 * builds them: pods test-pod-N with two containers requesting the same amount, labelled
 * name=test-pod, and PodMetrics with one level per container (milli-units).
 */
import type { Pod } from '@kubelab/api';
import type { PodMetricsItem } from './resource-metrics.js';

export const NOW = new Date('2025-03-01T12:00:00Z');
/** Upstream's zero time: long before NOW (a pod started then is past every initialization period). */
export const LONG_AGO = '1970-01-01T00:00:00Z';
export const at = (secondsFromNow: number) => new Date(NOW.getTime() + secondsFromNow * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Upstream's hotCPUCreationTime (now) and coolCPUCreationTime (3 minutes ago). */
export const hot = () => at(0);
export const cool = () => at(-180);

export interface PodShape {
  ready?: 'True' | 'False';
  startTime?: string;
  phase?: string;
  deleting?: boolean;
  /** The request of each of the two containers (e.g. "1.0"); none when undefined. */
  request?: string;
  labels?: Record<string, string>;
}

export function testPod(index: number, shape: PodShape = {}, resource = 'cpu'): Pod {
  const resources = shape.request === undefined ? {} : { resources: { requests: { [resource]: shape.request } } };
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `test-pod-${index}`, namespace: 'test-namespace', labels: shape.labels ?? { name: 'test-pod' },
      ...(shape.deleting ? { deletionTimestamp: at(0) } : {}),
    },
    spec: { containers: [{ name: 'container1', ...resources }, { name: 'container2', ...resources }] },
    status: {
      phase: shape.phase ?? 'Running', startTime: shape.startTime ?? LONG_AGO,
      conditions: [{ type: 'Ready', status: shape.ready ?? 'True' }],
    },
  };
}

/** PodMetrics of `levels` (one array of container levels per pod), sampled at `timestamp` over a minute. */
export function podMetricsItems(levels: readonly (readonly number[])[], resource = 'cpu', podNames: readonly string[] = [], timestamp = LONG_AGO): PodMetricsItem[] {
  return levels.map((containers, i) => ({
    metadata: { name: podNames[i] ?? `test-pod-${i}`, namespace: 'test-namespace', labels: { name: 'test-pod' } },
    timestamp, window: '1m0s',
    containers: containers.map((level, c) => ({ name: `container${c + 1}`, usage: { [resource]: `${level}m` } })),
  }));
}

/** makePodMetricLevels: the same level in both containers of each pod. */
export const levelsOf = (...perContainer: number[]) => perContainer.map((level) => [level, level]);
