/**
 * Per-node counts of the pods a (namespace, label selector) pair matches, built once
 * on first use and then kept current on every pod add and remove. Topology spread
 * constraints ask the same question for every pod of a workload; this answers it
 * without walking all pods each decision. Only the most recently used selectors are kept.
 */
import { matchesLabels, type LabelRequirement } from '@kubelab/api';
import type { BoundPod } from './bound-pod.js';

const MAX_COUNTERS = 64;

/** Counts of matching, non-terminating pods by node name. */
export type NodeCounts = ReadonlyMap<string, number>;

interface Counter {
  namespace: string;
  requirements: readonly LabelRequirement[];
  counts: Map<string, number>;
}

/** True when the pod is counted by topology spreading for this selector (countPodsMatchSelector). */
export function countedBySelector(entry: BoundPod, namespace: string, requirements: readonly LabelRequirement[]): boolean {
  return !entry.terminating && entry.namespace === namespace && matchesLabels(requirements, entry.labels);
}

/** The lazily built, incrementally maintained selector counters of a snapshot. */
export class SelectorCounts {
  private readonly counters = new Map<string, Counter>();

  /** Counts for the selector, building them from `allPods` the first time it is asked. */
  countsFor(namespace: string, requirements: readonly LabelRequirement[], allPods: () => Iterable<[string, BoundPod]>): NodeCounts {
    const key = `${namespace}\u0000${JSON.stringify(requirements)}`;
    const known = this.counters.get(key);
    if (known) {
      this.counters.delete(key);
      this.counters.set(key, known);
      return known.counts;
    }
    const counter: Counter = { namespace, requirements, counts: new Map() };
    for (const [node, entry] of allPods()) this.apply(counter, node, entry, 1);
    if (this.counters.size >= MAX_COUNTERS) this.counters.delete(this.counters.keys().next().value!);
    this.counters.set(key, counter);
    return counter.counts;
  }

  /** Records a pod arriving on (1) or leaving (-1) a node. */
  update(node: string, entry: BoundPod, sign: 1 | -1): void {
    for (const counter of this.counters.values()) this.apply(counter, node, entry, sign);
  }

  private apply(counter: Counter, node: string, entry: BoundPod, sign: 1 | -1): void {
    if (!countedBySelector(entry, counter.namespace, counter.requirements)) return;
    const next = (counter.counts.get(node) ?? 0) + sign;
    if (next === 0) counter.counts.delete(node);
    else counter.counts.set(node, next);
  }
}
