/** What the Job controller decides, as data for the shell to carry out. */
import type { KubeObject } from '@kubelab/api';

/**
 * One step for the shell, in order. The order matters: UpdateStatus (which records
 * finished pods in status.uncountedTerminatedPods) comes before the RemovePodFinalizer
 * steps, and the shell stops at the first failure, so a pod is never released before
 * the Job has written it down.
 */
export type JobAction =
  | { type: 'CreatePods'; count: number; pod: KubeObject }
  | { type: 'DeletePods'; pods: KubeObject[] }
  | { type: 'UpdateStatus'; status: Record<string, any> }
  | { type: 'RemovePodFinalizer'; pod: KubeObject }
  | { type: 'RecordEvent'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

/** The decision of one reconcile pass: steps, and when to look again (wall ms). */
export interface JobReconcileResult {
  actions: JobAction[];
  requeueAfterMs?: number;
}
