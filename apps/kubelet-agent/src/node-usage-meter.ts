/**
 * One node's resource accounting, as the kubelet's cAdvisor, eviction manager and resource metrics endpoint (scraped
 * by metrics-server) do it together. Every 10 s of lab time: emptyDirs against their size limits, then memory.available
 * against the eviction threshold, the MemoryPressure condition, and at most one eviction. Every metrics resolution
 * (15 s of lab time): a usage report of the node and its pods, put where the api-server serves it from.
 */
import { parseQuantity, type Node, type NodeUsageReport, type Pod } from '@kubelab/api';
import { evictionDecisionAnnotation } from '@kubelab/event-log';
import { nodeUsageReport, workingSetBytes, type ContainerSample, type PodSample } from '@kubelab/usage';
import type { Logger } from 'pino';
import { chooseEviction, emptyDirOverLimit, evictionThresholdBytes, memoryAvailableBytes, underMemoryPressure, type PodMemory } from './memory-pressure.js';
import type { RunningContainer } from './pod-worker/pod-containers.js';
import type { ContainerActivity } from './runtime/emulated-container.js';
import type { LabClock } from './runtime/lab-clock.js';
import type { LabTime } from './runtime/lab-time.js';

/** How often the eviction manager looks (lab seconds): the kubelet's evictionMonitoringPeriod. */
const evictionCheckSeconds = 10;
/** metrics-server's --metric-resolution (lab seconds). */
export const metricResolutionSeconds = 15;
/** A report goes stale after this many resolutions without another: the node's agent stopped reporting. */
const resolutionsBeforeStale = 3;

/** What the meter reads of a pod's worker, and the eviction it may ask of it. */
export interface MeteredPod {
  /** True once the pod failed: nothing of it is left to account or evict. */
  readonly failed: boolean;
  readonly currentPod: Pod;
  runningContainers(): RunningContainer[];
  emptyDirUsage(): Map<string, number>;
  evict(message: string, annotations?: Record<string, string>): void;
}

export interface NodeUsageMeterDeps {
  readonly clock: LabClock;
  readonly time: LabTime;
  readonly log: Logger;
  readonly node: Node;
  /** The node's pod workers now. */
  workers(): readonly MeteredPod[];
  /** Puts a report where the api-server reads it; rejects while it cannot. */
  publish(report: NodeUsageReport): Promise<void>;
  /** Writes the node's MemoryPressure condition. */
  reportPressure(pressure: boolean): Promise<void>;
  /** Whether the Node, as last seen, reports MemoryPressure: what is written again when something else overwrote it. */
  pressureReported(): boolean;
}

const millicores = (quantity: string | number | undefined) => (quantity === undefined ? undefined : parseQuantity(quantity) * 1000);

export class NodeUsageMeter {
  private readonly capacityMillicores: number;
  private readonly capacityBytes: number;
  private readonly timers: NodeJS.Timeout[];
  private previousAt = Date.now();
  /** Each container run's counters at the last report, by pod UID, name and start. */
  private counters = new Map<string, ContainerActivity>();
  private lastThresholdMetAt?: Date;
  private reporting = false;

  constructor(private readonly deps: NodeUsageMeterDeps) {
    const capacity = deps.node.status?.capacity ?? {};
    this.capacityMillicores = millicores(capacity.cpu) ?? 0;
    this.capacityBytes = capacity.memory === undefined ? Infinity : parseQuantity(capacity.memory);
    this.timers = [
      setInterval(() => this.checkEvictions(), deps.clock.realMs(evictionCheckSeconds)),
      setInterval(() => void this.report(), deps.clock.realMs(metricResolutionSeconds)),
    ];
  }

  stop(): void {
    this.timers.forEach(clearInterval);
  }

  /** The pods that still run something and have not failed, with their running containers. */
  private active(): { worker: MeteredPod; running: RunningContainer[] }[] {
    return this.deps.workers().filter((worker) => !worker.failed).map((worker) => ({ worker, running: worker.runningContainers() })).filter((p) => p.running.length > 0);
  }

  /** localStorageEviction first, then the memory threshold: at most one pod per check, as the eviction manager does. */
  private checkEvictions(): void {
    const active = this.active();
    for (const { worker } of active) {
      const message = emptyDirOverLimit(worker.currentPod, worker.emptyDirUsage());
      if (message) return worker.evict(message);
    }
    const pods: PodMemory[] = active.map(({ worker, running }) => ({
      pod: worker.currentPod, containers: running.map((c) => ({ name: c.name, workingSetBytes: workingSetBytes(c.activity.memoryMiB) })),
    }));
    const now = this.deps.time.now();
    if (memoryAvailableBytes(this.capacityBytes, pods) < evictionThresholdBytes) this.lastThresholdMetAt = now;
    this.setPressure(underMemoryPressure(this.lastThresholdMetAt, now));
    const eviction = chooseEviction(this.capacityBytes, pods);
    if (!eviction) return;
    this.deps.log.info({ pod: eviction.pod.metadata.name, namespace: eviction.pod.metadata.namespace }, 'evicting a pod: the node is low on memory');
    active.find(({ worker }) => worker.currentPod === eviction.pod)?.worker.evict(eviction.message, { [evictionDecisionAnnotation]: JSON.stringify(eviction.decision) });
  }

  private setPressure(pressure: boolean): void {
    if (pressure === this.deps.pressureReported() || this.reporting) return;
    this.reporting = true;
    this.deps.reportPressure(pressure)
      .catch((e: Error) => this.deps.log.warn({ err: e.message, pressure }, 'MemoryPressure not reported'))
      .finally(() => (this.reporting = false));
  }

  /** The usage of the window since the last report. */
  private async report(): Promise<void> {
    const at = Date.now();
    const counters = new Map<string, ContainerActivity>();
    const pods: PodSample[] = this.active().map(({ worker, running }) => {
      const pod = worker.currentPod;
      return {
        namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '',
        containers: running.map(({ name, spec, activity }): ContainerSample => {
          const key = `${pod.metadata.uid}/${name}/${activity.startedAt}`;
          const last = this.counters.get(key);
          counters.set(key, activity);
          return {
            name, startedAt: activity.startedAt, steadyMillicores: activity.steadyMillicores, cpuMillisecondsPerRequest: activity.cpuMillisecondsPerRequest,
            busyCoreSeconds: activity.busyCoreSeconds - (last?.busyCoreSeconds ?? 0), requestsServed: activity.requestsServed - (last?.requestsServed ?? 0),
            requestMillicores: millicores(spec.resources?.requests?.cpu) ?? 0, limitMillicores: millicores(spec.resources?.limits?.cpu), memoryMiB: activity.memoryMiB,
          };
        }),
      };
    });
    const report = nodeUsageReport({
      node: this.deps.node.metadata.name ?? '', at, previousAt: this.previousAt, timeScale: this.deps.clock.scale, capacityMillicores: this.capacityMillicores, pods,
      freshForMs: this.deps.clock.realMs(resolutionsBeforeStale * metricResolutionSeconds),
    });
    this.previousAt = at;
    this.counters = counters;
    await this.deps.publish(report).catch((e: Error) => this.deps.log.debug({ err: e.message }, 'usage not reported'));
  }
}
