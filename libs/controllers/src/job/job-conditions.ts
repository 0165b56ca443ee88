/**
 * Job conditions as Kubernetes 1.32 writes them: the interim FailureTarget and
 * SuccessCriteriaMet first, the terminal Failed and Complete once every pod is gone.
 */
import { kubeTime } from '@kubelab/api';
import type { JobCondition } from 'kubernetes-types/batch/v1';

/** One entry of status.conditions. */
export type { JobCondition };

/** What a condition's status says. */
type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A condition observed and changed now. */
export function newCondition(type: string, status: ConditionStatus, reason: string, message: string, now: Date): JobCondition {
  const time = kubeTime(now);
  return { type, status, reason, message, lastProbeTime: time, lastTransitionTime: time };
}

/** The condition of this type, if the Job has it with status True. */
export function trueCondition(conditions: readonly JobCondition[], type: string): JobCondition | undefined {
  return conditions.find((c) => c.type === type && c.status === 'True');
}

/**
 * Sets a condition: a new one is appended; an existing one keeps its transition time
 * when the status stays, and is replaced (in place) when it changes.
 */
export function setCondition(conditions: readonly JobCondition[], next: JobCondition): JobCondition[] {
  const current = conditions.find((c) => c.type === next.type);
  if (!current) return [...conditions, next];
  if (current.status === next.status && current.reason === next.reason && current.message === next.message) return [...conditions];
  return conditions.map((c) => (c === current ? next : c));
}

/** The Job has a terminal condition (Complete or Failed): nothing more to run. */
export function isJobFinished(conditions: readonly JobCondition[]): boolean {
  return Boolean(trueCondition(conditions, 'Complete') ?? trueCondition(conditions, 'Failed'));
}
