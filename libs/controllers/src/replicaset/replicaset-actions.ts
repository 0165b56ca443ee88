/** What the ReplicaSet controller decides, as data for the shell to carry out. */
import type { Pod } from '@kubelab/api';
import type { ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { ReplicaSetEvent } from './replicaset-events.js';

/**
 * One step for the shell, in order: claims (adopt/release) first, then creating or
 * deleting pods, then status. CreatePods' `pod` is the template to create `count`
 * times (in slowStartBatches); the shell records SuccessfulCreate/SuccessfulDelete
 * per pod with createdPodEvent/deletedPodEvent.
 */
export type ReplicaSetAction =
  | { type: 'CreatePods'; count: number; pod: Pod }
  | { type: 'DeletePods'; pods: Pod[] }
  | { type: 'AdoptPod'; pod: Pod }
  | { type: 'ReleasePod'; pod: Pod }
  | { type: 'UpdateStatus'; status: ReplicaSetStatus }
  | ReplicaSetEvent;

/** The decision of one reconcile pass: steps, and when to look again (wall ms). */
export interface ReplicaSetReconcileResult {
  actions: ReplicaSetAction[];
  requeueAfterMs?: number;
}
