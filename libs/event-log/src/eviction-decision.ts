/**
 * Why the kubelet evicted a pod under node pressure, as the agent writes it in an
 * annotation on the Evicted Event: the signal, its threshold and what was observed,
 * and the pods in the order the eviction manager ranked them (rankMemoryPressure:
 * usage over requests first, then priority, then usage), the first of which went.
 */

/** The annotation the agent puts on its Evicted events. */
export const evictionDecisionAnnotation = 'kubelab.dev/eviction-decision';

export interface RankedPod {
  /** namespace/name */
  pod: string;
  qosClass: string;
  /** Memory in use and requested, as quantities (`150Mi`). */
  usage: string;
  request: string;
  /** True when usage exceeds the request (what puts a pod first). */
  exceedsRequest: boolean;
  priority: number;
}

export interface EvictionDecision {
  /** `memory.available`, `ephemeral-storage`… */
  signal: string;
  threshold: string;
  observed: string;
  ranked: RankedPod[];
}

function rankedLine(p: RankedPod, i: number): string {
  const over = p.exceedsRequest ? ', over its request' : '';
  return `  ${i + 1}. ${p.pod} ${p.qosClass}, priority ${p.priority}, uses ${p.usage} of ${p.request === '0' ? 'no' : p.request} request${over}${i === 0 ? ' — evicted' : ''}`;
}

/** The lines a person reads under an Evicted event. */
export function evictionLines(d: Partial<EvictionDecision>): string[] {
  return [
    `eviction: ${d.signal ?? '?'} ${d.observed ?? '?'} is below the hard threshold ${d.threshold ?? '?'}; pods ranked by usage over requests, priority, then usage:`,
    ...(d.ranked ?? []).map(rankedLine),
  ];
}
