/**
 * The wording of the ReplicaSet controller's pod events. The shell records them once a
 * create or delete has happened, because only then is the pod's name known.
 */

/** A RecordEvent step, before it is bound to the ReplicaSet. */
export interface ReplicaSetEvent {
  type: 'RecordEvent';
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** What replica_set.go records after creating one of its pods. */
export function createdPodEvent(podName: string): ReplicaSetEvent {
  return { type: 'RecordEvent', eventType: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${podName}` };
}

/** What replica_set.go records after deleting one of its pods. */
export function deletedPodEvent(podName: string): ReplicaSetEvent {
  return { type: 'RecordEvent', eventType: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${podName}` };
}
