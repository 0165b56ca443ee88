/** The StatefulSet controller: pure decisions for the controller-manager's StatefulSet shell. */
export type { StatefulSetAction, StatefulSetReconcileResult } from './statefulset-actions.js';
export type { StatefulSetEvent } from './statefulset-events.js';
export { aggregateErrors, failedStatefulPodEvent, statefulClaimEvent } from './statefulset-events.js';
export { reconcileStatefulSet } from './reconcile-statefulset.js';
export { POD_NAME_LABEL, POD_INDEX_LABEL, CONTROLLER_REVISION_HASH_LABEL } from './stateful-pod-identity.js';
