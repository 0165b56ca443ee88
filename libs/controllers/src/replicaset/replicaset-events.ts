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

/** A refused pod create as the controller receives it: the api-server's code and Status message. */
export interface CreateRefusal {
  code?: number;
  message: string;
}

/**
 * What PodControl records when the api-server refuses one of a controller's pods (a quota
 * full, a LimitRange broken): Warning FailedCreate, `Error creating: <refusal>`. Nothing
 * when the namespace is terminating, as upstream skips that cause.
 */
export function failedCreateEvent(refusal: CreateRefusal): ReplicaSetEvent | undefined {
  if (refusal.code === 403 && refusal.message.endsWith('because it is being terminated')) return undefined;
  return { type: 'RecordEvent', eventType: 'Warning', reason: 'FailedCreate', message: `Error creating: ${refusal.message}` };
}
