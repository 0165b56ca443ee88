/** What the Deployment controller decides, as data for the shell to carry out. */
import type { ReplicaSet } from '@kubelab/api';
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';

/**
 * One step for the shell, in order; stop at the first failure. ReplicaSet writes carry
 * the full object (spec.replicas and annotations already changed); RecordEvent steps
 * follow the writes they report. UpdateAnnotations sets annotations of the Deployment
 * (its revision) with a PUT of the Deployment as UpdateStatus left it: the controller's
 * role grants update on deployments, not patch.
 */
export type DeploymentAction =
  | { type: 'CreateReplicaSet'; replicaSet: ReplicaSet }
  | { type: 'UpdateReplicaSet'; replicaSet: ReplicaSet }
  | { type: 'DeleteReplicaSet'; replicaSet: ReplicaSet }
  | { type: 'AdoptReplicaSet'; replicaSet: ReplicaSet }
  | { type: 'ReleaseReplicaSet'; replicaSet: ReplicaSet }
  | { type: 'UpdateStatus'; status: DeploymentStatus }
  | { type: 'UpdateAnnotations'; annotations: Record<string, string> }
  | { type: 'RecordEvent'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

/** The decision of one reconcile pass: steps, and when to look again (wall ms). */
export interface DeploymentReconcileResult {
  actions: DeploymentAction[];
  requeueAfterMs?: number;
}
