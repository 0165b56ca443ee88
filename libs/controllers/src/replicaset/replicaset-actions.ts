/** What the ReplicaSet controller decides, as data for the shell to carry out. */
import type { KubeObject } from '@kubelab/api';
import type { ReplicaSetEvent } from './replicaset-events.js';

/**
 * One step for the shell, in order: claims (adopt/release) first, then creating or
 * deleting pods, then status. CreatePods' `pod` is the template to create `count`
 * times (in slowStartBatches); the shell records SuccessfulCreate/SuccessfulDelete
 * per pod with createdPodEvent/deletedPodEvent.
 */
export type ReplicaSetAction =
  | { type: 'CreatePods'; count: number; pod: KubeObject }
  | { type: 'DeletePods'; pods: KubeObject[] }
  | { type: 'AdoptPod'; pod: KubeObject }
  | { type: 'ReleasePod'; pod: KubeObject }
  | { type: 'UpdateStatus'; status: Record<string, any> }
  | ReplicaSetEvent;

/** The decision of one reconcile pass: steps, and when to look again (wall ms). */
export interface ReplicaSetReconcileResult {
  actions: ReplicaSetAction[];
  requeueAfterMs?: number;
}
