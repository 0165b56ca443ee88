/**
 * Deployment conditions as deploymentutil keeps them: a condition is only replaced when
 * its status or reason changes, and lastTransitionTime survives while the status holds.
 */
import { kubeTime } from '@kubelab/api';
import type { DeploymentCondition } from 'kubernetes-types/apps/v1';

/** One status.conditions entry, fields in the order the API writes them. */
export type { DeploymentCondition };

/** What a condition's status says. */
type ConditionStatus = 'True' | 'False' | 'Unknown';

/** The reasons and messages deployment_util.go uses. */
export const REASON = {
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** NewDeploymentCondition: both times set to now. */
export function newCondition(type: string, status: ConditionStatus, reason: string, message: string, now: Date): DeploymentCondition {
  const time = kubeTime(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

/** The condition of `type`, if present. */
export function getCondition(conditions: readonly DeploymentCondition[] | undefined, type: string): DeploymentCondition | undefined {
  return (conditions ?? []).find((c) => c.type === type);
}

/** Conditions without the one of `type`. */
export function removeCondition(conditions: readonly DeploymentCondition[], type: string): DeploymentCondition[] {
  return conditions.filter((c) => c.type !== type);
}

/**
 * SetDeploymentCondition: same status and reason leaves the list alone; same status
 * keeps lastTransitionTime; the changed condition moves to the end.
 */
export function setCondition(conditions: readonly DeploymentCondition[], condition: DeploymentCondition): DeploymentCondition[] {
  const current = getCondition(conditions, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return [...conditions];
  const next = current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  return [...removeCondition(conditions, condition.type), next];
}
