/**
 * The Deployment controller (pkg/controller/deployment, syncDeployment) as one pure,
 * level-triggered decision: claim ReplicaSets, then scale (spec.replicas changed or
 * paused) or roll out (RollingUpdate or Recreate), clean up history and report status.
 */
import { cloneJson, labelSelectorFromObject, type Deployment, type LabelRequirement, type Pod, type ReplicaSet } from '@kubelab/api';
import { claimObjects } from '../replicaset/claim-objects.js';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import { cleanupOldReplicaSets } from './cleanup.js';
import type { DeploymentAction, DeploymentReconcileResult } from './deployment-actions.js';
import { syncDeploymentStatus } from './deployment-status.js';
import { replicaSetsOfDeployment } from './new-replica-set.js';
import { syncPausedCondition } from './paused-condition.js';
import { isScalingEvent, scaleDeployment } from './proportional-scale.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rolling.js';
import { isRollingUpdate } from './rollout-params.js';
import { RolloutPlan } from './rollout-plan.js';

function selectsEverything(deployment: Deployment): boolean {
  const selector = deployment.spec?.selector ?? {};
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

function selectorOf(deployment: Deployment): LabelRequirement[] | undefined {
  const selector = deployment.spec?.selector;
  try {
    return selector ? labelSelectorFromObject(selector) : undefined;
  } catch {
    return undefined;
  }
}

/** An empty selector would take every pod of the namespace: warn and only observe the generation. */
function refuseSelectingAll(deployment: Deployment): DeploymentReconcileResult {
  const actions: DeploymentAction[] = [{
    type: 'RecordEvent', eventType: 'Warning', reason: 'SelectingAll',
    message: 'This deployment is selecting all pods. A non-empty selector is required.',
  }];
  const generation = deployment.metadata.generation ?? 0;
  if ((deployment.status?.observedGeneration ?? 0) < generation) {
    actions.push({ type: 'UpdateStatus', status: { ...deployment.status, observedGeneration: generation } });
  }
  return { actions };
}

/** sync(): scaling and pausing move no rollout forward, they only resize and report. */
function syncScaling(plan: RolloutPlan, owned: readonly ReplicaSet[], namespaceReplicaSets: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = replicaSetsOfDeployment(plan, owned, namespaceReplicaSets, false);
  scaleDeployment(plan, newRS, oldRSs);
  if (plan.deployment.spec?.paused === true) cleanupOldReplicaSets(plan, oldRSs);
  syncDeploymentStatus(plan, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
}

/**
 * One sync of `deployment` given every ReplicaSet of its namespace and the pods of its own. Adopting or
 * releasing ReplicaSets is a pass of its own (those writes bring the next one). Requeues
 * for the progress deadline; pods becoming available arrive as ReplicaSet status changes.
 */
export function reconcileDeployment(
  deployment: Deployment,
  replicaSets: readonly ReplicaSet[],
  pods: readonly Pod[],
  clock: WorkloadClock,
): DeploymentReconcileResult {
  if (selectsEverything(deployment)) return refuseSelectingAll(deployment);
  const selector = selectorOf(deployment);
  if (!selector) return { actions: [] };
  const claim = claimObjects(deployment, selector, replicaSets);
  if (claim.adopted.length > 0 || claim.released.length > 0) {
    return {
      actions: [
        ...claim.adopted.map((replicaSet): DeploymentAction => ({ type: 'AdoptReplicaSet', replicaSet })),
        ...claim.released.map((replicaSet): DeploymentAction => ({ type: 'ReleaseReplicaSet', replicaSet })),
      ],
    };
  }
  const owned = claim.owned.map((rs) => cloneJson(rs));
  const plan = new RolloutPlan(deployment, clock);
  if (deployment.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = replicaSetsOfDeployment(plan, owned, replicaSets, false);
    syncDeploymentStatus(plan, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  } else {
    syncPausedCondition(plan);
    const { newRS, oldRSs } = replicaSetsOfDeployment(plan, owned, replicaSets, false);
    if (deployment.spec?.paused === true || isScalingEvent(plan, newRS, oldRSs)) syncScaling(plan, owned, replicaSets);
    else if (isRollingUpdate(deployment)) rolloutRolling(plan, owned, replicaSets);
    else rolloutRecreate(plan, owned, replicaSets, pods);
  }
  const actions = plan.actions();
  return plan.requeueAfterMs === undefined ? { actions } : { actions, requeueAfterMs: plan.requeueAfterMs };
}
