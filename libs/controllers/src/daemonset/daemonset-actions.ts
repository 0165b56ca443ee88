/** What the DaemonSet controller decides, as data for the shell to carry out. */
import type { Pod } from '@kubelab/api';
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { RevisionAction } from '../revisions/revision-actions.js';

/**
 * One step for the shell, in order, stopping at the first failure: claims, the
 * revision, pod deletions and creations, status, history pruning. CreatePod's pod is
 * complete but for its name (generateName "<ds>-"); the shell records
 * SuccessfulCreate/SuccessfulDelete per pod with createdPodEvent/deletedPodEvent, as
 * for a ReplicaSet. RecordEvent steps (FailedDaemonPod) come before the delete they explain.
 */
export type DaemonSetAction =
  | { type: 'AdoptPod'; pod: Pod }
  | { type: 'ReleasePod'; pod: Pod }
  | { type: 'CreatePod'; pod: Pod; nodeName: string }
  | { type: 'DeletePod'; pod: Pod }
  | { type: 'UpdateStatus'; status: DaemonSetStatus }
  | RevisionAction
  | { type: 'RecordEvent'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

/** The decision of one reconcile pass: steps, and when to look again (wall ms). */
export interface DaemonSetReconcileResult {
  actions: DaemonSetAction[];
  requeueAfterMs?: number;
}
