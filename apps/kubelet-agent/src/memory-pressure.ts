/**
 * Node-pressure eviction as the kubelet does it for memory: when the memory left on
 * the node falls under the hard threshold (memory.available < 100Mi), evict one pod at
 * a time: BestEffort first, then pods using more than they requested, largest excess first.
 */
import type { KubeObject } from '@kubelab/api';
import { memoryMiB } from './runtime/memory.js';

export const evictionThresholdMiB = 100;

export interface PodUsage {
  pod: KubeObject;
  usedMiB: number;
}

function requestedMiB(pod: KubeObject): number {
  return (pod.spec?.containers ?? []).reduce((sum: number, c: any) => sum + (memoryMiB(c.resources?.requests?.memory) ?? 0), 0);
}

const qosRank: Record<string, number> = { BestEffort: 0, Burstable: 1, Guaranteed: 2 };

/** The pod to evict now, if the node is under pressure, with the kubelet's message. */
export function chooseEviction(allocatableMiB: number, usage: readonly PodUsage[]): { pod: KubeObject; message: string } | undefined {
  const used = usage.reduce((sum, u) => sum + u.usedMiB, 0);
  const available = allocatableMiB - used;
  if (available >= evictionThresholdMiB) return undefined;
  const ranked = usage
    .filter((u) => u.usedMiB > 0)
    .map((u) => ({ ...u, rank: qosRank[u.pod.status?.qosClass ?? 'BestEffort'] ?? 0, excess: u.usedMiB - requestedMiB(u.pod) }))
    .sort((a, b) => a.rank - b.rank || b.excess - a.excess);
  const victim = ranked[0];
  if (!victim) return undefined;
  const containers = (victim.pod.spec?.containers ?? []).map((c: any) => c.name).join(', ');
  const message = `The node was low on resource: memory. Threshold quantity: ${evictionThresholdMiB}Mi, available: ${Math.max(0, Math.floor(available * 1024))}Ki. Container ${containers} was using ${Math.ceil(victim.usedMiB * 1024)}Ki, request is ${requestedMiB(victim.pod)}Mi, has larger consumption of memory. `;
  return { pod: victim.pod, message: message.trimEnd() };
}
