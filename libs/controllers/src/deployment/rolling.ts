/**
 * rolling.go: grow the new ReplicaSet within maxSurge, shrink the old ones within
 * maxUnavailable (counting AVAILABLE pods), one kind of step per sync.
 */
import type { ReplicaSet } from '@kubelab/api';
import { cleanupOldReplicaSets } from './cleanup.js';
import { isDeploymentComplete, syncRolloutStatus } from './deployment-status.js';
import { newReplicaSetReplicas, replicaSetsOfDeployment } from './new-replica-set.js';
import { byCreation, isActiveReplicaSet, specReplicas, sumSpecReplicas, sumStatus } from './replica-set-lists.js';
import { desiredReplicas, maxUnavailable } from './rollout-params.js';
import type { RolloutPlan } from './rollout-plan.js';

function available(rs: ReplicaSet): number {
  return Number(rs.status?.availableReplicas ?? 0);
}

/** reconcileNewReplicaSet: scale the new ReplicaSet towards spec.replicas. */
function reconcileNewReplicaSet(plan: RolloutPlan, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  const desired = desiredReplicas(plan.deployment);
  if (specReplicas(newRS) === desired) return false;
  if (specReplicas(newRS) > desired) return plan.scaleIfNeeded(newRS, desired);
  return plan.scaleIfNeeded(newRS, newReplicaSetReplicas(plan.deployment, allRSs, newRS));
}

/** cleanupUnhealthyReplicas: drop old replicas that are not available anyway, oldest ReplicaSet first. */
function cleanupUnhealthyReplicas(plan: RolloutPlan, oldRSs: readonly ReplicaSet[], maxCleanup: number): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const unhealthy = specReplicas(rs) - available(rs);
    if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    plan.scaleIfNeeded(rs, specReplicas(rs) - count);
    total += count;
  }
  return total;
}

/** scaleDownOldReplicaSetsForRollingUpdate: remove available old pods while enough stay available. */
function scaleDownOldForRollingUpdate(plan: RolloutPlan, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): number {
  const minAvailable = desiredReplicas(plan.deployment) - maxUnavailable(plan.deployment);
  const availableCount = sumStatus(allRSs, 'availableReplicas');
  if (availableCount <= minAvailable) return 0;
  const target = availableCount - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), target - total);
    plan.scaleIfNeeded(rs, specReplicas(rs) - count);
    total += count;
  }
  return total;
}

/** reconcileOldReplicaSets: how far old ReplicaSets may shrink without hurting availability. */
function reconcileOldReplicaSets(plan: RolloutPlan, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sumSpecReplicas(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(plan.deployment) - maxUnavailable(plan.deployment);
  const newUnavailable = specReplicas(newRS) - available(newRS);
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(plan, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldForRollingUpdate(plan, [...oldRSs, newRS], oldRSs);
  return cleaned + scaledDown > 0;
}

/** rolloutRolling: scale up if possible, else scale down, else clean history once complete. */
export function rolloutRolling(plan: RolloutPlan, owned: readonly ReplicaSet[], namespaceReplicaSets: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = replicaSetsOfDeployment(plan, owned, namespaceReplicaSets, true);
  if (!newRS) return;
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(plan, allRSs, newRS) || reconcileOldReplicaSets(plan, allRSs, oldRSs.filter(isActiveReplicaSet), newRS)) {
    syncRolloutStatus(plan, allRSs, newRS);
    return;
  }
  if (isDeploymentComplete(plan.deployment, plan.status)) cleanupOldReplicaSets(plan, oldRSs);
  syncRolloutStatus(plan, allRSs, newRS);
}
