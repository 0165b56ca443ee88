/** The disruption controller: PodDisruptionBudget status from the pods a budget selects. */
export { reconcileDisruptionBudget, DELETION_TIMEOUT_SECONDS, type DisruptionBudgetDecision, type DisruptionBudgetEvent } from './reconcile-disruption-budget.js';
