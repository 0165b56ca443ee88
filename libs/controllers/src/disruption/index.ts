/** The disruption controller: PodDisruptionBudget status from the pods a budget selects. */
export { reconcileDisruptionBudget, DELETION_TIMEOUT_SECONDS, type DisruptionBudgetDecision } from './reconcile-disruption-budget.js';
