/** checkPausedConditions of progress.go: Progressing tells a paused Deployment from a stuck one. */
import { getCondition, newCondition, REASON, setCondition } from './deployment-conditions.js';
import { progressDeadlineSeconds } from './deployment-status.js';
import type { RolloutPlan } from './rollout-plan.js';

/**
 * Pausing sets Progressing Unknown/DeploymentPaused, resuming Unknown/DeploymentResumed
 * (which restarts the progress deadline); a timed-out Deployment keeps its verdict.
 */
export function syncPausedCondition(plan: RolloutPlan): void {
  if (progressDeadlineSeconds(plan.deployment) === undefined) return;
  const current = getCondition(plan.conditions, 'Progressing');
  if (current?.reason === REASON.timedOut) return;
  const paused = plan.deployment.spec?.paused === true;
  const pausedBefore = current?.reason === REASON.paused;
  const now = plan.clock.now;
  if (paused && !pausedBefore) {
    plan.conditions = setCondition(plan.conditions, newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', now));
  } else if (!paused && pausedBefore) {
    plan.conditions = setCondition(plan.conditions, newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', now));
  }
}
