/** One planned eviction and the plan a descheduling pass produces. */
import type { Pod } from '@kubelab/api';

/** A pod to evict, from which node, by which strategy and why (a sentence for the event log). */
export interface PlannedEviction {
  pod: Pod;
  node: string;
  strategy: string;
  reason: string;
}

/** The evictions of one pass, and a line per strategy saying what it saw. */
export interface DeschedulePlan {
  evictions: PlannedEviction[];
  summary: string[];
}

/** The strategies `planDeschedule` knows. */
export type DescheduleStrategy = 'RemoveDuplicates' | 'LowNodeUtilization';
