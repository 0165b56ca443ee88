/**
 * sync.go's scale(): when spec.replicas changes (or the Deployment is paused), resize
 * without rolling. Mid-rollout the change is spread over the active ReplicaSets in
 * proportion to their size, never past replicas + maxSurge in total.
 */
import type { Deployment, ReplicaSet } from '@kubelab/api';
import { bySizeNewer, bySizeOlder, findActiveOrLatest, isActiveReplicaSet, specReplicas, sumSpecReplicas } from './replica-set-lists.js';
import { desiredReplicasAnnotation, maxReplicasAnnotation } from './revisions.js';
import { desiredReplicas, isRollingUpdate, maxSurge } from './rollout-params.js';
import type { RolloutPlan } from './rollout-plan.js';

/** IsSaturated: the new ReplicaSet runs all replicas, all available. */
function isSaturated(deployment: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicas(deployment);
  return specReplicas(rs) === desired && desiredReplicasAnnotation(rs) === desired && Number(rs.status?.availableReplicas ?? 0) === desired;
}

/** getReplicaSetFraction: this ReplicaSet's share of the new maximum, minus its size. */
function fraction(plan: RolloutPlan, rs: ReplicaSet): number {
  const d = plan.deployment;
  if (desiredReplicas(d) === 0) return -specReplicas(rs);
  const maxReplicas = desiredReplicas(d) + maxSurge(d);
  let before = maxReplicasAnnotation(rs) ?? 0;
  if (before === 0) before = Number(d.status?.replicas ?? 0) || specReplicas(rs);
  return Math.round((specReplicas(rs) * maxReplicas) / before) - specReplicas(rs);
}

/** GetReplicaSetProportion: the fraction, bounded by what is still left to add or remove. */
function proportion(plan: RolloutPlan, rs: ReplicaSet, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction(plan, rs), allowed) : Math.max(fraction(plan, rs), allowed);
}

function scaleProportionally(plan: RolloutPlan, active: ReplicaSet[]): void {
  const d = plan.deployment;
  const allowedSize = desiredReplicas(d) > 0 ? desiredReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - sumSpecReplicas(active);
  const ordered = toAdd > 0 ? [...active].sort(bySizeNewer) : toAdd < 0 ? [...active].sort(bySizeOlder) : active;
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of ordered) {
    const share = proportion(plan, rs, toAdd, added);
    sizes.set(rs, specReplicas(rs) + share);
    added += share;
  }
  ordered.forEach((rs, i) => {
    const size = i === 0 && toAdd !== 0 ? Math.max(0, sizes.get(rs)! + toAdd - added) : sizes.get(rs)!;
    plan.scale(rs, size);
  });
}

/** scale(): one active ReplicaSet takes all replicas; a saturated new one empties the old; else proportional. */
export function scaleDeployment(plan: RolloutPlan, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
  const d = plan.deployment;
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    plan.scaleIfNeeded(activeOrLatest, desiredReplicas(d));
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const rs of oldRSs.filter(isActiveReplicaSet)) plan.scaleIfNeeded(rs, 0);
    return;
  }
  if (isRollingUpdate(d)) scaleProportionally(plan, [...oldRSs, ...(newRS ? [newRS] : [])].filter(isActiveReplicaSet));
}

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(plan: RolloutPlan, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  const desired = desiredReplicas(plan.deployment);
  return [...oldRSs, ...(newRS ? [newRS] : [])].filter(isActiveReplicaSet).some((rs) => {
    const annotated = desiredReplicasAnnotation(rs);
    return annotated !== undefined && annotated !== desired;
  });
}
