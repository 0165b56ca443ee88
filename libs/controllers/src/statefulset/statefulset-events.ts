/**
 * The wording of the StatefulSet controller's events (stateful_pod_control.go's
 * recordPodEvent and stateful_set_control.go). Pod names are fixed, so the
 * reconciler states each event right after the write it reports.
 */
import type { Pod, StatefulSet } from '@kubelab/api';

/** A RecordEvent step, before it is bound to the StatefulSet. */
export interface StatefulSetEvent {
  type: 'RecordEvent';
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** SuccessfulCreate / SuccessfulUpdate / SuccessfulDelete: "create Pod web-0 in StatefulSet web successful". */
export function statefulPodEvent(verb: 'Create' | 'Update' | 'Delete', podName: string, set: StatefulSet): StatefulSetEvent {
  return {
    type: 'RecordEvent',
    eventType: 'Normal',
    reason: `Successful${verb}`,
    message: `${verb.toLowerCase()} Pod ${podName} in StatefulSet ${set.metadata.name} successful`,
  };
}

/** RecreatingFailedPod (Warning) or RecreatingTerminatedPod for a pod that succeeded. */
export function recreatingPodEvent(pod: Pod, set: StatefulSet): StatefulSetEvent {
  const failed = pod.status?.phase === 'Failed';
  return {
    type: 'RecordEvent',
    eventType: failed ? 'Warning' : 'Normal',
    reason: failed ? 'RecreatingFailedPod' : 'RecreatingTerminatedPod',
    message: `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating ${failed ? 'failed' : 'terminated'} Pod ${pod.metadata.name}`,
  };
}

/**
 * FailedCreate / FailedUpdate / FailedDelete when the api-server refuses a write (a quota full, a
 * LimitRange broken): "create Pod web-2 in StatefulSet web failed error: <refusal>".
 */
export function failedStatefulPodEvent(verb: 'Create' | 'Update' | 'Delete', podName: string, set: StatefulSet, refusal: string): StatefulSetEvent {
  return {
    type: 'RecordEvent',
    eventType: 'Warning',
    reason: `Failed${verb}`,
    message: `${verb.toLowerCase()} Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${refusal}`,
  };
}

/**
 * recordClaimEvent: SuccessfulCreate "create Claim data-web-0 Pod web-0 in StatefulSet web
 * success", or FailedCreate "create Claim data-web-0 for Pod web-0 in StatefulSet web failed
 * error: <refusal>".
 */
export function statefulClaimEvent(claimName: string, podName: string, set: StatefulSet, refusal?: string): StatefulSetEvent {
  if (refusal === undefined) {
    return { type: 'RecordEvent', eventType: 'Normal', reason: 'SuccessfulCreate', message: `create Claim ${claimName} Pod ${podName} in StatefulSet ${set.metadata.name} success` };
  }
  return {
    type: 'RecordEvent', eventType: 'Warning', reason: 'FailedCreate',
    message: `create Claim ${claimName} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${refusal}`,
  };
}

/** errors.NewAggregate's text: one error as it is, several distinct ones as "[a, b]". */
export function aggregateErrors(errors: readonly string[]): string {
  const distinct = [...new Set(errors)];
  return distinct.length === 1 ? distinct[0] : `[${distinct.join(', ')}]`;
}
