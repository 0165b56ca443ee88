/**
 * The wording of the Job controller's pod events, shared with the shell that records
 * them once a create or delete has actually happened.
 */

/** A v1 Event's type, reason and message, before it is bound to an object. */
export interface JobEvent {
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** The event Kubernetes records after creating a Job's pod. */
export function createdPodEvent(podName: string): JobEvent {
  return { eventType: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${podName}` };
}

/** The event Kubernetes records after deleting a Job's pod. */
export function deletedPodEvent(podName: string): JobEvent {
  return { eventType: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${podName}` };
}
