/**
 * The kubelet's eviction manager for memory, and for emptyDir size limits (eviction_manager.go, helpers.go), as
 * decisions of data. memory.available is the node's capacity less its working set (the pods' and the system's); under
 * the default hard threshold (memory.available<100Mi) the node reports MemoryPressure and one pod is evicted per check,
 * ranked as rankMemoryPressure ranks: pods using more memory than they request first, then lower priority, then the
 * largest use above the request; so BestEffort pods go first, then Burstable ones over their requests, Guaranteed last.
 * Critical pods (static, mirror, system priority) are never evicted. Messages are the kubelet's, trailing space included.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { canonicalQuantity, kubeTime, memoryQuantity, type Pod } from '@kubelab/api';
import type { EvictionDecision } from '@kubelab/event-log';
import { systemUsage } from '@kubelab/usage';
import { memoryMiB } from './runtime/memory.js';

/** The default hard eviction threshold, memory.available<100Mi. */
export const evictionThresholdBytes = 100 * 1048576;
const thresholdQuantity = '100Mi';
/** evictionPressureTransitionPeriod: how long MemoryPressure stays True after the threshold was last met. */
export const pressureTransitionSeconds = 300;
/** kubelettypes.SystemCriticalPriority: pods at or above it are critical. */
const systemCriticalPriority = 2_000_000_000;

/** A pod on the node and its running containers' working sets. */
export interface PodMemory {
  readonly pod: Pod;
  readonly containers: readonly { readonly name: string; readonly workingSetBytes: number }[];
}

/** memory.available: capacity less the node's working set. */
export function memoryAvailableBytes(capacityBytes: number, pods: readonly PodMemory[]): number {
  return capacityBytes - systemUsage.memoryBytes - pods.reduce((sum, p) => sum + podWorkingSet(p), 0);
}

const podWorkingSet = (p: PodMemory) => p.containers.reduce((sum, c) => sum + c.workingSetBytes, 0);
const requestBytes = (container: Container): number => (memoryMiB(container?.resources?.requests?.memory) ?? 0) * 1048576;

/** The pod's memory request as the kubelet sums it: its containers', or its largest init container's if larger. */
function podRequestBytes(pod: Pod): number {
  const regular = (pod.spec?.containers ?? []).reduce((sum, c) => sum + requestBytes(c), 0);
  return Math.max(regular, ...(pod.spec?.initContainers ?? []).map(requestBytes));
}

function isCritical(pod: Pod): boolean {
  const annotations = pod.metadata.annotations ?? {};
  const source = annotations['kubernetes.io/config.source'];
  return annotations['kubernetes.io/config.mirror'] !== undefined || (source !== undefined && source !== 'api') || (pod.spec?.priority ?? 0) >= systemCriticalPriority;
}

/** rankMemoryPressure: exceeding the request first, then lower priority, then the larger use above the request. */
function rankForEviction(a: PodMemory, b: PodMemory): number {
  const over = (p: PodMemory) => podWorkingSet(p) > podRequestBytes(p.pod);
  if (over(a) !== over(b)) return over(a) ? -1 : 1;
  const priority = (a.pod.spec?.priority ?? 0) - (b.pod.spec?.priority ?? 0);
  if (priority !== 0) return priority;
  return podWorkingSet(b) - podRequestBytes(b.pod) - (podWorkingSet(a) - podRequestBytes(a.pod));
}

/** The request as the pod spec writes it (Quantity.String()), "0" when unset. */
function requestText(container: Container): string {
  const written = container.resources?.requests?.memory;
  return written === undefined ? '0' : canonicalQuantity(written);
}

/** evictionMessage for memory: the threshold, what is left, and each container using more than it requested. */
function evictionMessage(victim: PodMemory, availableBytes: number): string {
  const specs = [...(victim.pod.spec?.containers ?? []), ...(victim.pod.spec?.initContainers ?? [])];
  let message = `The node was low on resource: memory. Threshold quantity: ${thresholdQuantity}, available: ${memoryQuantitySigned(availableBytes)}. `;
  for (const usage of victim.containers) {
    const spec = specs.find((c) => c.name === usage.name);
    if (spec && usage.workingSetBytes > requestBytes(spec)) {
      message += `Container ${usage.name} was using ${memoryQuantity(usage.workingSetBytes)}, request is ${requestText(spec)}, has larger consumption of memory. `;
    }
  }
  return message;
}

const memoryQuantitySigned = (bytes: number) => (bytes < 0 ? `-${memoryQuantity(-bytes)}` : memoryQuantity(bytes));

/** The ranking as `kubelab why` tells it: each candidate's class, priority, use and request. */
function evictionDecision(ranked: readonly PodMemory[], availableBytes: number): EvictionDecision {
  return {
    signal: 'memory.available', threshold: thresholdQuantity, observed: memoryQuantitySigned(availableBytes),
    ranked: ranked.map((p) => ({
      pod: `${p.pod.metadata.namespace}/${p.pod.metadata.name}`, qosClass: p.pod.status?.qosClass ?? 'BestEffort', priority: p.pod.spec?.priority ?? 0,
      usage: memoryQuantity(podWorkingSet(p)), request: podRequestBytes(p.pod) > 0 ? memoryQuantity(podRequestBytes(p.pod)) : '0',
      exceedsRequest: podWorkingSet(p) > podRequestBytes(p.pod),
    })),
  };
}

/** The pod to evict now, with the kubelet's message and the ranking that chose it, if the node is under the threshold and any pod may go. */
export function chooseEviction(capacityBytes: number, pods: readonly PodMemory[]): { pod: Pod; message: string; decision: EvictionDecision } | undefined {
  const available = memoryAvailableBytes(capacityBytes, pods);
  if (available >= evictionThresholdBytes) return undefined;
  const ranked = pods.filter((p) => !isCritical(p.pod)).sort(rankForEviction);
  const victim = ranked[0];
  return victim && { pod: victim.pod, message: evictionMessage(victim, available), decision: evictionDecision(ranked, available) };
}

/** The kubelet's message when an emptyDir holds more than its sizeLimit, if one does (`usedBytes` by volume name). */
export function emptyDirOverLimit(pod: Pod, usedBytes: ReadonlyMap<string, number>): string | undefined {
  for (const volume of pod.spec?.volumes ?? []) {
    const limit = volume.emptyDir?.sizeLimit;
    const used = usedBytes.get(volume.name);
    const limitBytes = memoryMiB(limit);
    if (limit === undefined || limitBytes === undefined || limitBytes <= 0 || used === undefined || used <= limitBytes * 1048576) continue;
    return `Usage of EmptyDir volume ${JSON.stringify(volume.name)} exceeds the limit ${JSON.stringify(canonicalQuantity(limit))}. `;
  }
  return undefined;
}

/** True while the threshold was met within the transition period (lab time): the node keeps MemoryPressure so long. */
export function underMemoryPressure(lastMetAt: Date | undefined, now: Date): boolean {
  return lastMetAt !== undefined && now.getTime() - lastMetAt.getTime() < pressureTransitionSeconds * 1000;
}

/** The node's MemoryPressure condition, as the kubelet's setter writes it (`now` wall-clock). */
export function memoryPressureCondition(previous: { status?: string; lastTransitionTime?: string } | undefined, pressure: boolean, now: Date) {
  const status = pressure ? 'True' : 'False';
  const at = kubeTime(now);
  return {
    type: 'MemoryPressure', status,
    lastHeartbeatTime: at,
    lastTransitionTime: previous?.status === status && previous.lastTransitionTime ? previous.lastTransitionTime : at,
    reason: pressure ? 'KubeletHasInsufficientMemory' : 'KubeletHasSufficientMemory',
    message: pressure ? 'kubelet has insufficient memory available' : 'kubelet has sufficient memory available',
  };
}
