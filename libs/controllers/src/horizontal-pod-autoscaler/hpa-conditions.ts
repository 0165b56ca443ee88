/**
 * setConditionInList (horizontal.go): an HPA's conditions keep their order, a new type
 * is appended, and lastTransitionTime moves only when the status changes.
 */
import { kubeTime } from '@kubelab/api';
import type { HorizontalPodAutoscalerCondition } from 'kubernetes-types/autoscaling/v2';

export type HpaConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

/** A condition to set: its type, status, reason and message. */
export interface HpaConditionChange {
  type: HpaConditionType;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** The list with `change` applied at `now`. */
export function setCondition(conditions: readonly HorizontalPodAutoscalerCondition[], change: HpaConditionChange, now: Date): HorizontalPodAutoscalerCondition[] {
  const index = conditions.findIndex((c) => c.type === change.type);
  const existing = index >= 0 ? conditions[index] : undefined;
  const lastTransitionTime = !existing || existing.status !== change.status ? kubeTime(now) : existing.lastTransitionTime;
  const updated = { type: change.type, status: change.status, lastTransitionTime, reason: change.reason, message: change.message };
  return index >= 0 ? conditions.map((c, i) => (i === index ? updated : c)) : [...conditions, updated];
}
