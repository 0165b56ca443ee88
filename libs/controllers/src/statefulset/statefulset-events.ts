/**
 * The wording of the StatefulSet controller's events (stateful_pod_control.go's
 * recordPodEvent and stateful_set_control.go). Pod names are fixed, so the
 * reconciler states each event right after the write it reports.
 */
import type { KubeObject } from '@kubelab/api';

/** A RecordEvent step, before it is bound to the StatefulSet. */
export interface StatefulSetEvent {
  type: 'RecordEvent';
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** SuccessfulCreate / SuccessfulDelete: "create Pod web-0 in StatefulSet web successful". */
export function statefulPodEvent(verb: 'Create' | 'Delete', podName: string, set: KubeObject): StatefulSetEvent {
  return {
    type: 'RecordEvent',
    eventType: 'Normal',
    reason: `Successful${verb}`,
    message: `${verb.toLowerCase()} Pod ${podName} in StatefulSet ${set.metadata.name} successful`,
  };
}

/** RecreatingFailedPod (Warning) or RecreatingTerminatedPod for a pod that succeeded. */
export function recreatingPodEvent(pod: KubeObject, set: KubeObject): StatefulSetEvent {
  const failed = pod.status?.phase === 'Failed';
  return {
    type: 'RecordEvent',
    eventType: failed ? 'Warning' : 'Normal',
    reason: failed ? 'RecreatingFailedPod' : 'RecreatingTerminatedPod',
    message: `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating ${failed ? 'failed' : 'terminated'} Pod ${pod.metadata.name}`,
  };
}

/**
 * FailedCreate / FailedDelete when the api-server refuses the write (a quota full, a
 * LimitRange broken): "create Pod web-2 in StatefulSet web failed error: <refusal>".
 */
export function failedStatefulPodEvent(verb: 'Create' | 'Delete', podName: string, set: KubeObject, refusal: string): StatefulSetEvent {
  return {
    type: 'RecordEvent',
    eventType: 'Warning',
    reason: `Failed${verb}`,
    message: `${verb.toLowerCase()} Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${refusal}`,
  };
}
