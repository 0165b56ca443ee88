/** What the StatefulSet controller decides, as data for the shell to carry out. */
import type { PersistentVolumeClaim, Pod } from '@kubelab/api';
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { RevisionAction } from '../revisions/revision-actions.js';
import type { StatefulSetEvent } from './statefulset-events.js';

/**
 * One step for the shell, in order, stopping at the first failure: claims, the update
 * revision, pod writes each followed by its event, status, then history pruning.
 * CreatePod's pod is complete (name, labels, owner); DeletePod is graceful.
 * CreateClaims creates each claim (an event per claim, as the outcome says); it fails when
 * a creation fails or a claim is in `problems` (being deleted), and then, when
 * `creatingPod`, FailedCreate reports the pod. UpdateClaim writes a claim's owner
 * references (a failure reported as FailedUpdate of `pod` when `reportFailure`).
 * UpdatePod writes the pod as it is, UpdateStatefulPod's commit after its claims changed.
 */
export type StatefulSetAction =
  | { type: 'AdoptPod'; pod: Pod }
  | { type: 'ReleasePod'; pod: Pod }
  | { type: 'CreateClaims'; pod: Pod; claims: PersistentVolumeClaim[]; problems: string[]; creatingPod: boolean }
  | { type: 'UpdateClaim'; claim: PersistentVolumeClaim; pod: Pod; reportFailure: boolean }
  | { type: 'CreatePod'; pod: Pod }
  | { type: 'UpdatePod'; pod: Pod }
  | { type: 'DeletePod'; pod: Pod }
  | { type: 'UpdateStatus'; status: StatefulSetStatus }
  | RevisionAction
  | StatefulSetEvent;

/**
 * The decision of one pass: steps; what the set waits for before it can go on, in
 * words for `kubelab why` ("waiting for pod web-1 to be deleted (Terminating)"); and
 * when to look again (wall ms) because a ready pod will become available.
 */
export interface StatefulSetReconcileResult {
  actions: StatefulSetAction[];
  waitingFor?: string;
  /** A pod that must be gone before its name can be used again (it is Terminating). */
  heldBy?: string;
  requeueAfterMs?: number;
}
