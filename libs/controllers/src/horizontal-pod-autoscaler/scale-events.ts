/**
 * The rescales an HPA with a behavior remembers (horizontal.go, storeScaleEvent): one
 * entry per rescale, in its direction's list, so that a policy's period can count the
 * replicas already added or removed. Entries older than the direction's longest policy
 * period are marked outdated and their slots reused. Without a behavior nothing is kept.
 */
import type { HorizontalPodAutoscalerBehavior, HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import { scaledMs, type WorkloadClock } from '../replicaset/workload-clock.js';
import type { HpaHistory, ScaleEvent } from './hpa-history.js';

/** The longest periodSeconds of the rules' policies. */
export function longestPolicyPeriod(rules: HPAScalingRules | undefined): number {
  return Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds));
}

/** The replicas changed by the events of the last `periodSeconds`. */
export function replicasChangePerPeriod(periodSeconds: number, events: readonly ScaleEvent[], clock: WorkloadClock): number {
  const cutoff = clock.now.getTime() - scaledMs(periodSeconds, clock);
  return events.reduce((sum, e) => (e.at > cutoff ? sum + e.change : sum), 0);
}

/** Marks the events older than the period outdated, then records the new one in the last outdated slot or at the end. */
function stored(events: readonly ScaleEvent[], periodSeconds: number, change: number, clock: WorkloadClock): ScaleEvent[] {
  const now = clock.now.getTime();
  const cutoff = now - scaledMs(periodSeconds, clock);
  const next = events.map((e) => (e.at < cutoff ? { ...e, outdated: true } : e));
  let slot: number | undefined;
  next.forEach((e, i) => {
    if (e.outdated) slot = i;
  });
  const event = { change, at: now, outdated: false };
  if (slot === undefined) next.push(event);
  else next[slot] = event;
  return next;
}

/** The history after a rescale from `previous` to `next` replicas. */
export function storeScaleEvent(history: HpaHistory, behavior: HorizontalPodAutoscalerBehavior | undefined, previous: number, next: number, clock: WorkloadClock): HpaHistory {
  if (!behavior) return history;
  if (next > previous) return { ...history, scaleUpEvents: stored(history.scaleUpEvents, longestPolicyPeriod(behavior.scaleUp), next - previous, clock) };
  return { ...history, scaleDownEvents: stored(history.scaleDownEvents, longestPolicyPeriod(behavior.scaleDown), previous - next, clock) };
}
