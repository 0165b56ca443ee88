/**
 * recreate.go: scale every old ReplicaSet to zero, wait until none of their pods runs,
 * and only then create (or scale up) the new one.
 */
import type { Pod, ReplicaSet } from '@kubelab/api';
import { controllerOf } from '../replicaset/owner-refs.js';
import { cleanupOldReplicaSets } from './cleanup.js';
import { isDeploymentComplete, syncRolloutStatus } from './deployment-status.js';
import { replicaSetsOfDeployment } from './new-replica-set.js';
import { isActiveReplicaSet, sumStatus } from './replica-set-lists.js';
import { desiredReplicas } from './rollout-params.js';
import type { RolloutPlan } from './rollout-plan.js';

/** oldPodsRunning: an old ReplicaSet reports pods, or one of its pods is not finished (terminating counts). */
function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], pods: readonly Pod[]): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid).filter((uid) => uid !== newRS?.metadata.uid));
  return pods.some((pod) => {
    const owner = controllerOf(pod);
    const phase = pod.status?.phase;
    return owner !== undefined && oldUids.has(owner.uid) && phase !== 'Succeeded' && phase !== 'Failed';
  });
}

/** rolloutRecreate over the Deployment's ReplicaSets and the pods its selector picks. */
export function rolloutRecreate(plan: RolloutPlan, owned: readonly ReplicaSet[], namespaceReplicaSets: readonly ReplicaSet[], pods: readonly Pod[]): void {
  const found = replicaSetsOfDeployment(plan, owned, namespaceReplicaSets, false);
  let { newRS } = found;
  const { oldRSs } = found;
  let scaledDown = false;
  for (const rs of oldRSs.filter(isActiveReplicaSet)) scaledDown = plan.scaleIfNeeded(rs, 0) || scaledDown;
  if (scaledDown || oldPodsRunning(newRS, oldRSs, pods)) {
    syncRolloutStatus(plan, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
    return;
  }
  newRS ??= replicaSetsOfDeployment(plan, owned, namespaceReplicaSets, true).newRS;
  if (!newRS) return;
  plan.scaleIfNeeded(newRS, desiredReplicas(plan.deployment));
  if (isDeploymentComplete(plan.deployment, plan.status)) cleanupOldReplicaSets(plan, oldRSs);
  syncRolloutStatus(plan, [...oldRSs, newRS], newRS);
}
