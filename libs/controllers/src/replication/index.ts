/** The replication controller: ReplicationControllers kept by the ReplicaSet controller's decision. */
export { asReplicaSet, reconcileReplicationController } from './reconcile-replication-controller.js';
