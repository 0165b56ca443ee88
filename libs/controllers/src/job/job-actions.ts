/** What the Job controller decides, as data for the shell to carry out. */
import type { Pod } from '@kubelab/api';
import type { JobStatus } from 'kubernetes-types/batch/v1';

/**
 * One step for the shell, in order. The order matters: UpdateStatus (which records
 * finished pods in status.uncountedTerminatedPods) comes before the RemovePodFinalizer
 * steps, and the shell stops at the first failure, so a pod is never released before
 * the Job has written it down.
 */
export type JobAction =
  | { type: 'CreatePods'; count: number; pod: Pod }
  | { type: 'DeletePods'; pods: Pod[] }
  | { type: 'UpdateStatus'; status: JobStatus }
  | { type: 'RemovePodFinalizer'; pod: Pod }
  | { type: 'RecordEvent'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

/** The decision of one reconcile pass: steps, and when to look again (wall ms). */
export interface JobReconcileResult {
  actions: JobAction[];
  requeueAfterMs?: number;
}
