/** What the Deployment controller decides, as data for the shell to carry out. */
import type { KubeObject } from '@kubelab/api';

/**
 * One step for the shell, in order; stop at the first failure. ReplicaSet writes carry
 * the full object (spec.replicas and annotations already changed); RecordEvent steps
 * follow the writes they report. UpdateAnnotations sets annotations of the Deployment
 * (its revision) with a PUT of the Deployment as UpdateStatus left it: the controller's
 * role grants update on deployments, not patch.
 */
export type DeploymentAction =
  | { type: 'CreateReplicaSet'; replicaSet: KubeObject }
  | { type: 'UpdateReplicaSet'; replicaSet: KubeObject }
  | { type: 'DeleteReplicaSet'; replicaSet: KubeObject }
  | { type: 'AdoptReplicaSet'; replicaSet: KubeObject }
  | { type: 'ReleaseReplicaSet'; replicaSet: KubeObject }
  | { type: 'UpdateStatus'; status: Record<string, any> }
  | { type: 'UpdateAnnotations'; annotations: Record<string, string> }
  | { type: 'RecordEvent'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

/** The decision of one reconcile pass: steps, and when to look again (wall ms). */
export interface DeploymentReconcileResult {
  actions: DeploymentAction[];
  requeueAfterMs?: number;
}
