/** cleanupDeployment of sync.go: spec.revisionHistoryLimit applied to old, empty ReplicaSets. */
import type { ReplicaSet } from '@kubelab/api';
import { byCreation, specReplicas } from './replica-set-lists.js';
import { revisionOf } from './revisions.js';
import type { RolloutPlan } from './rollout-plan.js';

const UNLIMITED = 2147483647;

/**
 * Deletes the oldest-revision old ReplicaSets beyond revisionHistoryLimit (default 10),
 * skipping any that still has or wants pods, or whose spec change is not yet observed.
 */
export function cleanupOldReplicaSets(plan: RolloutPlan, oldRSs: readonly ReplicaSet[]): void {
  const limit = Number(plan.deployment.spec?.revisionHistoryLimit ?? 10);
  if (limit === UNLIMITED) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  const byRevision = [...cleanable].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of byRevision.slice(0, excess)) {
    const busy = Number(rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > Number(rs.status?.observedGeneration ?? 0);
    if (!busy) plan.delete(rs);
  }
}
