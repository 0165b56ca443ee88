/**
 * One descheduler pass planned without side effects: the strategies run in the
 * order given over the same snapshot, and a pod is evicted at most once.
 */
import type { Pod } from '@kubelab/api';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import type { DeschedulePlan, DescheduleStrategy, PlannedEviction } from './eviction.js';
import { lowNodeUtilization, type UtilizationThresholds } from './low-node-utilization.js';
import { removeDuplicates } from './remove-duplicates.js';

/** Which strategies to run, and LowNodeUtilization's percentages (defaults 20 and 50). */
export interface DescheduleOptions {
  strategies: DescheduleStrategy[];
  thresholds?: UtilizationThresholds;
  targetThresholds?: UtilizationThresholds;
}

const defaultThresholds: UtilizationThresholds = { cpu: 20, memory: 20, pods: 20 };
const defaultTargets: UtilizationThresholds = { cpu: 50, memory: 50, pods: 50 };

/** The evictions the strategies ask for, with a summary line per strategy. */
export function planDeschedule(snapshot: ClusterSnapshot, options: DescheduleOptions): DeschedulePlan {
  const evictions: PlannedEviction[] = [];
  const summary: string[] = [];
  const planned = new Set<Pod>();
  for (const strategy of options.strategies) {
    const result =
      strategy === 'RemoveDuplicates'
        ? removeDuplicates(snapshot)
        : lowNodeUtilization(snapshot, options.thresholds ?? defaultThresholds, options.targetThresholds ?? defaultTargets, planned);
    for (const eviction of result.evictions) {
      if (planned.has(eviction.pod)) continue;
      planned.add(eviction.pod);
      evictions.push(eviction);
    }
    summary.push(result.summary);
  }
  return { evictions, summary };
}
