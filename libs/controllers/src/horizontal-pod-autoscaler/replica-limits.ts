/**
 * How far one rescale may go (horizontal.go): between minReplicas and maxReplicas and,
 * without a behavior, at most to twice the current count (at least 4); with a behavior,
 * as its policies allow over their periods (Pods or Percent, the largest change with
 * selectPolicy Max, the smallest with Min, none with Disabled), counting the rescales
 * already made in each period. Each answer carries the ScalingLimited reason and message.
 */
import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import type { ScaleEvent } from './hpa-history.js';
import { replicasChangePerPeriod } from './scale-events.js';

export interface LimitedReplicas {
  replicas: number;
  reason: string;
  message: string;
}

const withinRange: Omit<LimitedReplicas, 'replicas'> = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
const tooMany = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
const tooFew = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
const upLimit = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
const downLimit = { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };

const scaleUpLimitFactor = 2;
const scaleUpLimitMinimum = 4;

/** convertDesiredReplicasWithRules: the limits of an HPA without a behavior. */
export function limitWithoutBehavior(currentReplicas: number, desired: number, minReplicas: number, maxReplicas: number): LimitedReplicas {
  const scaleUpLimit = Math.max(scaleUpLimitFactor * currentReplicas, scaleUpLimitMinimum);
  const [maximum, maximumWhy] = maxReplicas > scaleUpLimit ? [scaleUpLimit, upLimit] : [maxReplicas, tooMany];
  if (desired < minReplicas) return { replicas: minReplicas, ...tooFew };
  if (desired > maximum) return { replicas: maximum, ...maximumWhy };
  return { replicas: desired, ...withinRange };
}

/** The replicas the rules' policies allow from the start of each period's count (`towards` +1 up, -1 down). */
function policyLimit(currentReplicas: number, up: readonly ScaleEvent[], down: readonly ScaleEvent[], rules: HPAScalingRules, towards: 1 | -1, clock: WorkloadClock): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  // For a scale-up the smallest change is the lowest count; for a scale-down, the highest.
  const smallestChange = rules.selectPolicy === 'Min';
  const pick = (smallestChange ? towards === 1 : towards === -1) ? Math.min : Math.max;
  let result = pick === Math.min ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const policy of rules.policies ?? []) {
    const periodStart = currentReplicas - replicasChangePerPeriod(policy.periodSeconds, up, clock) + replicasChangePerPeriod(policy.periodSeconds, down, clock);
    let proposed: number;
    if (policy.type === 'Pods') proposed = periodStart + towards * policy.value;
    else if (towards === 1) proposed = Math.ceil(periodStart * (1 + policy.value / 100));
    else proposed = Math.trunc(periodStart * (1 - policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** The scale events and rules convertDesiredReplicasWithBehaviorRate works from. */
export interface BehaviorRate {
  scaleUp: HPAScalingRules;
  scaleDown: HPAScalingRules;
  scaleUpEvents: readonly ScaleEvent[];
  scaleDownEvents: readonly ScaleEvent[];
}

/** convertDesiredReplicasWithBehaviorRate: the limits of an HPA with a behavior (stabilization is applied before). */
export function limitWithBehavior(currentReplicas: number, desired: number, minReplicas: number, maxReplicas: number, rate: BehaviorRate, clock: WorkloadClock): LimitedReplicas {
  if (desired > currentReplicas) {
    const scaleUpLimit = Math.max(currentReplicas, policyLimit(currentReplicas, rate.scaleUpEvents, rate.scaleDownEvents, rate.scaleUp, 1, clock));
    const [maximum, why] = maxReplicas > scaleUpLimit ? [scaleUpLimit, upLimit] : [maxReplicas, tooMany];
    if (desired > maximum) return { replicas: maximum, ...why };
  } else if (desired < currentReplicas) {
    const scaleDownLimit = Math.min(currentReplicas, policyLimit(currentReplicas, rate.scaleUpEvents, rate.scaleDownEvents, rate.scaleDown, -1, clock));
    const [minimum, why] = minReplicas < scaleDownLimit ? [scaleDownLimit, downLimit] : [minReplicas, tooFew];
    if (desired < minimum) return { replicas: minimum, ...why };
  }
  return { replicas: desired, ...withinRange };
}
