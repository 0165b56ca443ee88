/**
 * Stabilization (horizontal.go): the recommendation acted on is the highest of the
 * scale-down window (and, with a behavior, the lowest of the scale-up window) rather
 * than the newest, so that a brief dip or spike does not flap the replica count. Each
 * call records the new unstabilized recommendation, in the slot of one that has left
 * every window when there is one.
 */
import { scaledMs, type WorkloadClock } from '../replicaset/workload-clock.js';
import type { Recommendation } from './hpa-history.js';

export interface Stabilized {
  replicas: number;
  recommendations: Recommendation[];
}

/** Records `desired` in place of the slot at `oldIndex` (or at the end when there is none). */
function record(recommendations: readonly Recommendation[], oldIndex: number | undefined, desired: number, now: number): Recommendation[] {
  const next = [...recommendations];
  const entry = { replicas: desired, at: now };
  if (oldIndex === undefined) next.push(entry);
  else next[oldIndex] = entry;
  return next;
}

/** stabilizeRecommendation (no behavior): the highest recommendation within the downscale stabilization window. */
export function stabilizeRecommendation(recommendations: readonly Recommendation[], desired: number, windowSeconds: number, clock: WorkloadClock): Stabilized {
  const now = clock.now.getTime();
  const cutoff = now - scaledMs(windowSeconds, clock);
  let highest = desired;
  let oldIndex: number | undefined;
  recommendations.forEach((rec, i) => {
    if (rec.at < cutoff) oldIndex = i;
    else if (rec.replicas > highest) highest = rec.replicas;
  });
  return { replicas: highest, recommendations: record(recommendations, oldIndex, desired, now) };
}

/** The stabilization windows of a behavior (Kubernetes seconds). */
export interface StabilizationWindows {
  scaleUpSeconds: number;
  scaleDownSeconds: number;
}

/**
 * stabilizeRecommendationWithBehaviors: the current count brought up to the lowest
 * recommendation of the scale-up window and down to the highest of the scale-down window,
 * with the AbleToScale reason and message for when that differs from the recommendation.
 */
export function stabilizeRecommendationWithBehaviors(
  recommendations: readonly Recommendation[], currentReplicas: number, desired: number, windows: StabilizationWindows, clock: WorkloadClock,
): Stabilized & { reason: string; message: string } {
  const now = clock.now.getTime();
  const upCutoff = now - scaledMs(windows.scaleUpSeconds, clock);
  const downCutoff = now - scaledMs(windows.scaleDownSeconds, clock);
  let up = desired;
  let down = desired;
  let oldIndex: number | undefined;
  recommendations.forEach((rec, i) => {
    if (rec.at > upCutoff) up = Math.min(rec.replicas, up);
    if (rec.at > downCutoff) down = Math.max(rec.replicas, down);
    if (rec.at < upCutoff && rec.at < downCutoff) oldIndex = i;
  });
  const replicas = Math.min(Math.max(currentReplicas, up), down);
  const scalingUp = desired >= currentReplicas;
  return {
    replicas,
    recommendations: record(recommendations, oldIndex, desired, now),
    reason: scalingUp ? 'ScaleUpStabilized' : 'ScaleDownStabilized',
    message: scalingUp
      ? 'recent recommendations were lower than current one, applying the lowest recent recommendation'
      : 'recent recommendations were higher than current one, applying the highest recent recommendation',
  };
}
