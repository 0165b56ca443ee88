/**
 * LowNodeUtilization: when some nodes are underutilized (every resource at or below
 * `thresholds`) and others overutilized (any resource above `targetThresholds`),
 * evict pods from the overutilized nodes, least important first, while they stay
 * above target and the underutilized nodes still have room up to their target.
 */
import type { Pod } from '@kubelab/api';
import type { BoundPod } from '../snapshot/bound-pod.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { notEvictableBecause } from './evictable.js';
import type { PlannedEviction } from './eviction.js';

const STRATEGY = 'LowNodeUtilization';

/** Usage percentages per resource. */
export interface UtilizationThresholds {
  cpu: number;
  memory: number;
  pods: number;
}

type ResourceName = keyof UtilizationThresholds;
const resourceNames: ResourceName[] = ['cpu', 'memory', 'pods'];

interface NodeUsage {
  node: NodeInfo;
  used: Record<ResourceName, number>;
  capacity: Record<ResourceName, number>;
}

/** The node's usage without the pods an earlier strategy already plans to evict. */
function usageOf(node: NodeInfo, alreadyPlanned: ReadonlySet<Pod>): NodeUsage {
  const used = { cpu: node.requested.milliCpu, memory: node.requested.memory, pods: node.pods.size };
  for (const entry of node.pods.values()) {
    if (!alreadyPlanned.has(entry.pod)) continue;
    const use = podUse(entry);
    for (const n of resourceNames) used[n] -= use[n];
  }
  return { node, used, capacity: { cpu: node.allocatable.milliCpu, memory: node.allocatable.memory, pods: node.allocatable.pods } };
}

function percent(usage: NodeUsage, name: ResourceName): number {
  return usage.capacity[name] === 0 ? 0 : (100 * usage.used[name]) / usage.capacity[name];
}

function describe(usage: NodeUsage): string {
  return `${usage.node.name} (${resourceNames.map((n) => `${n} ${Math.round(percent(usage, n))}%`).join(', ')})`;
}

const isLow = (u: NodeUsage, t: UtilizationThresholds) => resourceNames.every((n) => percent(u, n) <= t[n]);
const isAboveTarget = (u: NodeUsage, t: UtilizationThresholds) => resourceNames.some((n) => percent(u, n) > t[n]);

const qosRank: Record<string, number> = { BestEffort: 0, Burstable: 1, Guaranteed: 2 };

/** A pod without a known QoS class ranks as Burstable. */
const qosRankOf = (pod: Pod) => qosRank[pod.status?.qosClass ?? ''] ?? 1;

function leastImportantFirst(a: BoundPod, b: BoundPod): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return qosRankOf(a.pod) - qosRankOf(b.pod);
}

function podUse(entry: BoundPod): Record<ResourceName, number> {
  return { cpu: entry.requests.milliCpu, memory: entry.requests.memory, pods: 1 };
}

/** The evictions that move load from overutilized to underutilized nodes, plus a summary line. */
export function lowNodeUtilization(
  snapshot: ClusterSnapshot,
  thresholds: UtilizationThresholds,
  targetThresholds: UtilizationThresholds,
  alreadyPlanned: ReadonlySet<Pod>,
): { evictions: PlannedEviction[]; summary: string } {
  const usages = snapshot.nodes().filter((n) => n.ready).map((n) => usageOf(n, alreadyPlanned));
  const low = usages.filter((u) => !u.node.unschedulable && isLow(u, thresholds));
  const high = usages.filter((u) => isAboveTarget(u, targetThresholds));
  if (low.length === 0) return { evictions: [], summary: `${STRATEGY}: no node is underutilized` };
  if (low.length === usages.length) return { evictions: [], summary: `${STRATEGY}: all nodes are underutilized` };
  if (high.length === 0) return { evictions: [], summary: `${STRATEGY}: no node is above target utilization` };
  const room: Record<ResourceName, number> = { cpu: 0, memory: 0, pods: 0 };
  for (const u of low) for (const n of resourceNames) room[n] += (targetThresholds[n] / 100) * u.capacity[n] - u.used[n];
  const evictions: PlannedEviction[] = [];
  const lowNames = low.map((u) => u.node.name).join(', ');
  high.sort((a, b) => resourceNames.reduce((s, n) => s + percent(b, n) - percent(a, n), 0));
  for (const usage of high) {
    const before = describe(usage);
    const pods = [...usage.node.pods.values()].filter((p) => !notEvictableBecause(p.pod) && !alreadyPlanned.has(p.pod)).sort(leastImportantFirst);
    for (const entry of pods) {
      if (!isAboveTarget(usage, targetThresholds) || resourceNames.some((n) => room[n] <= 0)) break;
      const use = podUse(entry);
      for (const n of resourceNames) {
        usage.used[n] -= use[n];
        room[n] -= use[n];
      }
      const reason = `${before} is above the target utilization while ${lowNames} ${low.length === 1 ? 'is' : 'are'} underutilized`;
      evictions.push({ pod: entry.pod, node: usage.node.name, strategy: STRATEGY, reason });
    }
  }
  const summary = `${STRATEGY}: underutilized ${low.map(describe).join(', ')}; overutilized ${high.map((u) => u.node.name).join(', ')}; ${evictions.length} pod(s) to evict`;
  return { evictions, summary };
}
