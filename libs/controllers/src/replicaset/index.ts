/** The ReplicaSet controller: pure decisions for the controller-manager's ReplicaSet shell. */
export type { ReplicaSetAction, ReplicaSetReconcileResult } from './replicaset-actions.js';
export type { WorkloadClock } from './workload-clock.js';
export { reconcileReplicaSet } from './reconcile-replicaset.js';
export { statusAfterFailedCreate } from './replica-failure.js';
export { createdPodEvent, deletedPodEvent, failedCreateEvent, type CreateRefusal, type ReplicaSetEvent } from './replicaset-events.js';
export { slowStartBatches } from './slow-start.js';
export { podsInDeletionOrder } from './deletion-order.js';
export { adoptionPatch, releasePatch } from './claim-patches.js';
