/**
 * The Deployment's status (sync.go calculateStatus, syncRolloutStatus and progress.go):
 * counts summed from its ReplicaSets' status, the Available condition, and the
 * Progressing condition `kubectl rollout status` waits on, with its deadline.
 */
import type { Deployment, ReplicaSet } from '@kubelab/api';
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import { scaledMs } from '../replicaset/workload-clock.js';
import { getCondition, newCondition, REASON, removeCondition, setCondition, type DeploymentCondition } from './deployment-conditions.js';
import { sumSpecReplicas, sumStatus } from './replica-set-lists.js';
import { desiredReplicas, maxUnavailable } from './rollout-params.js';
import type { RolloutPlan } from './rollout-plan.js';

const NO_DEADLINE = 2147483647;

/** HasProgressDeadline: progressDeadlineSeconds set (the API defaults it to 600) and not MaxInt32. */
export function progressDeadlineSeconds(deployment: Deployment): number | undefined {
  const seconds = Number(deployment.spec?.progressDeadlineSeconds ?? 600);
  return seconds === NO_DEADLINE ? undefined : seconds;
}

/** DeploymentComplete: every replica updated and available, and the spec observed. */
export function isDeploymentComplete(deployment: Deployment, status: DeploymentStatus): boolean {
  const desired = desiredReplicas(deployment);
  return (status.updatedReplicas ?? 0) === desired && (status.replicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired && (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than before. */
function isProgressing(before: DeploymentStatus, after: DeploymentStatus): boolean {
  const count = (status: DeploymentStatus, field: 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas'): number => Number(status[field] ?? 0);
  const oldBefore = count(before, 'replicas') - count(before, 'updatedReplicas');
  const oldAfter = count(after, 'replicas') - count(after, 'updatedReplicas');
  return count(after, 'updatedReplicas') > count(before, 'updatedReplicas') || oldAfter < oldBefore ||
    count(after, 'readyReplicas') > count(before, 'readyReplicas') || count(after, 'availableReplicas') > count(before, 'availableReplicas');
}

/** Wall ms left before the Progressing condition's last update passes the deadline. */
function msToDeadline(condition: DeploymentCondition, deadlineSeconds: number, plan: RolloutPlan): number {
  return Date.parse(condition.lastUpdateTime ?? '') + scaledMs(deadlineSeconds, plan.clock) - plan.clock.now.getTime();
}

/** DeploymentTimedOut: no progress reported for progressDeadlineSeconds. */
function hasTimedOut(deployment: Deployment, status: DeploymentStatus, plan: RolloutPlan): boolean {
  const deadline = progressDeadlineSeconds(deployment);
  const condition = getCondition(status.conditions, 'Progressing');
  if (deadline === undefined || !condition || condition.reason === REASON.newReplicaSetAvailable) return false;
  return condition.reason === REASON.timedOut || msToDeadline(condition, deadline, plan) < 0;
}

/**
 * calculateStatus: counts from `allRSs`, collisionCount kept, Available set from
 * whether at least replicas - maxUnavailable pods are available.
 */
export function calculateStatus(plan: RolloutPlan, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const d = plan.deployment;
  const available = sumStatus(allRSs, 'availableReplicas');
  const counts = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: sumStatus(allRSs, 'replicas'),
    updatedReplicas: sumStatus(newRS ? [newRS] : [], 'replicas'),
    readyReplicas: sumStatus(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
  };
  const status: DeploymentStatus = {};
  for (const [field, value] of Object.entries(counts) as [keyof typeof counts, number][]) if (value !== 0) status[field] = value;
  const now = plan.clock.now;
  const availability = available >= desiredReplicas(d) - maxUnavailable(d)
    ? newCondition('Available', 'True', REASON.minimumReplicasAvailable, 'Deployment has minimum availability.', now)
    : newCondition('Available', 'False', REASON.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now);
  const conditions = setCondition(plan.conditions, availability);
  if (conditions.length > 0) status.conditions = conditions;
  if (plan.status.collisionCount !== undefined) status.collisionCount = plan.status.collisionCount;
  return status;
}

/** syncDeploymentStatus: the counts and Available, without judging progress (scaling, paused). */
export function syncDeploymentStatus(plan: RolloutPlan, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  plan.status = calculateStatus(plan, allRSs, newRS);
}

function replicaFailure(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  const failureOf = (rs: ReplicaSet | undefined): DeploymentCondition | undefined => {
    const c = (rs?.status?.conditions ?? []).find((condition) => condition.type === 'ReplicaFailure');
    return c && { type: 'ReplicaFailure', status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  };
  return failureOf(newRS) ?? allRSs.map(failureOf).find(Boolean);
}

function progressingCondition(plan: RolloutPlan, status: DeploymentStatus, newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  const d = plan.deployment;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  const now = plan.clock.now;
  if (isDeploymentComplete(d, status)) {
    return newCondition('Progressing', 'True', REASON.newReplicaSetAvailable, `${subject} has successfully progressed.`, now);
  }
  if (isProgressing(plan.status, status)) {
    const condition = newCondition('Progressing', 'True', REASON.replicaSetUpdated, `${subject} is progressing.`, now);
    const current = getCondition(plan.conditions, 'Progressing');
    if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
    status.conditions = removeCondition(status.conditions ?? [], 'Progressing');
    return condition;
  }
  if (hasTimedOut(d, status, plan)) {
    return newCondition('Progressing', 'False', REASON.timedOut, `${subject} has timed out progressing.`, now);
  }
  return undefined;
}

/**
 * syncRolloutStatus: calculateStatus plus the Progressing verdict (complete, progressing
 * or timed out), ReplicaSet failures copied up, and a requeue for when the deadline
 * would pass without progress.
 */
export function syncRolloutStatus(plan: RolloutPlan, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const d = plan.deployment;
  const status = calculateStatus(plan, allRSs, newRS);
  const deadline = progressDeadlineSeconds(d);
  if (deadline === undefined) status.conditions = removeCondition(status.conditions ?? [], 'Progressing');
  const current = getCondition(plan.conditions, 'Progressing');
  const alreadyComplete = status.replicas === status.updatedReplicas && current?.reason === REASON.newReplicaSetAvailable;
  if (deadline !== undefined && !alreadyComplete) {
    const condition = progressingCondition(plan, status, newRS);
    if (condition) status.conditions = setCondition(status.conditions ?? [], condition);
  }
  const failure = replicaFailure(allRSs, newRS);
  status.conditions = failure ? setCondition(status.conditions ?? [], failure) : removeCondition(status.conditions ?? [], 'ReplicaFailure');
  if (status.conditions.length === 0) delete status.conditions;
  plan.status = status;
  plan.requeueAfterMs = stuckRequeueMs(plan, status);
}

/** requeueStuckDeployment: look again just after the deadline, unless done or already timed out. */
function stuckRequeueMs(plan: RolloutPlan, status: DeploymentStatus): number | undefined {
  const deadline = progressDeadlineSeconds(plan.deployment);
  const condition = getCondition(status.conditions, 'Progressing');
  if (deadline === undefined || !condition || isDeploymentComplete(plan.deployment, status)) return undefined;
  if (condition.reason === REASON.timedOut || condition.reason === REASON.newReplicaSetAvailable) return undefined;
  return Math.max(0, msToDeadline(condition, deadline, plan)) + 1;
}
