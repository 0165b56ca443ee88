/**
 * One node's usage report, measured at the end of a window (the time since the previous report): each running
 * container's CPU, its demand over the window (what it runs steadily, its busy processes' spinning, the requests it
 * answered) throttled at its limit and shared out of the node's capacity, and its memory, the working set now, in
 * whole pages. A pod appears once each of its running containers has run for 10 s, as metrics-server needs a container
 * that old for a first rate; the node's usage adds the system's own. Windows are lab time; the timestamp is wall-clock.
 */
import type { NodeUsageReport, PodUsage } from '@kubelab/api';
import { kubeTime } from '@kubelab/api';
import { formatGoDuration } from '@kubelab/images';
import { shareCpu } from './cpu-share.js';
import { systemUsage } from './system-usage.js';

/** What one running container did over its window, and what it may use. */
export interface ContainerSample {
  readonly name: string;
  /** When this run of the container started (wall-clock ms). */
  readonly startedAt: number;
  /** What it uses whatever it does (an idle server's timers, stress' CPU workers), in millicores. */
  readonly steadyMillicores: number;
  /** Lab core-seconds its processes spent spinning (busy loops) in the window. */
  readonly busyCoreSeconds: number;
  /** HTTP requests it answered in the window, and the CPU each costs. */
  readonly requestsServed: number;
  readonly cpuMillisecondsPerRequest: number;
  /** requests.cpu (0 when unset) and limits.cpu (undefined when unset), in millicores. */
  readonly requestMillicores: number;
  readonly limitMillicores: number | undefined;
  /** Its working set now, in MiB. */
  readonly memoryMiB: number;
}

/** A pod with its running containers. */
export interface PodSample {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly containers: readonly ContainerSample[];
}

/** What the node measured at the end of a window. */
export interface NodeSample {
  readonly node: string;
  /** The end of the window and its start (the previous report, or the agent's start), wall-clock ms. */
  readonly at: number;
  readonly previousAt: number;
  /** Lab seconds per wall second. */
  readonly timeScale: number;
  readonly capacityMillicores: number;
  readonly pods: readonly PodSample[];
  /** Wall-clock ms after `at` when the report goes stale if no other follows. */
  readonly freshForMs: number;
}

/** metrics-server's freshContainerMinMetricsResolution: a container younger than this has no rate yet. */
export const freshContainerMinSeconds = 10;
const pageBytes = 4096;

/** A working set in MiB as the kernel counts it, in whole pages. */
export function workingSetBytes(mebibytes: number): number {
  return Math.ceil((Math.max(0, mebibytes) * 1048576) / pageBytes) * pageBytes;
}

const labSeconds = (fromMs: number, toMs: number, timeScale: number) => (Math.max(0, toMs - fromMs) / 1000) * timeScale;

/** The report of the sample. */
export function nodeUsageReport(sample: NodeSample): NodeUsageReport {
  const containers = sample.pods.flatMap((pod) => pod.containers.map((container) => ({ pod, container, windowSeconds: labSeconds(Math.max(sample.previousAt, container.startedAt), sample.at, sample.timeScale) })));
  const demand = (c: ContainerSample, seconds: number) =>
    c.steadyMillicores + (seconds > 0 ? ((c.busyCoreSeconds * 1000 + c.requestsServed * c.cpuMillisecondsPerRequest) / seconds) : 0);
  const granted = shareCpu(
    containers.map(({ container, windowSeconds }) => ({ demandMillicores: demand(container, windowSeconds), requestMillicores: container.requestMillicores, limitMillicores: container.limitMillicores })),
    sample.capacityMillicores - systemUsage.cpuMillicores,
  );
  const usageOf = new Map(containers.map((entry, i) => [entry.container, { cpuNanoCores: Math.round(granted[i] * 1e6), memoryBytes: workingSetBytes(entry.container.memoryMiB), windowSeconds: entry.windowSeconds }]));
  const pods = sample.pods.flatMap((pod): PodUsage[] => {
    const measured = pod.containers.map((c) => ({ name: c.name, ...usageOf.get(c)! }));
    if (measured.length === 0 || measured.some((c) => c.windowSeconds < freshContainerMinSeconds)) return [];
    const window = Math.min(...measured.map((c) => c.windowSeconds));
    return [{
      namespace: pod.namespace, name: pod.name, uid: pod.uid, window: formatGoDuration(window),
      containers: measured.map(({ name, cpuNanoCores, memoryBytes }) => ({ name, cpuNanoCores, memoryBytes })),
    }];
  });
  const all = [...usageOf.values()];
  return {
    node: sample.node,
    timestamp: kubeTime(new Date(sample.at)),
    window: formatGoDuration(labSeconds(sample.previousAt, sample.at, sample.timeScale)),
    cpuNanoCores: all.reduce((sum, u) => sum + u.cpuNanoCores, systemUsage.cpuMillicores * 1e6),
    memoryBytes: all.reduce((sum, u) => sum + u.memoryBytes, systemUsage.memoryBytes),
    pods,
    expires: new Date(sample.at + sample.freshForMs).toISOString(),
  };
}
