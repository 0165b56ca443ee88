/**
 * How the Job controller sees its pods: which ones it owns, which are still running,
 * terminating, ready or finished, and which carry its tracking finalizer.
 */
import type { Job, Pod } from '@kubelab/api';

/** The finalizer that keeps a finished pod around until the Job has counted it. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

/** The annotation (and label) carrying an Indexed Job pod's completion index. */
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';

/** Pods whose controller reference is this Job (adoption by selector is not done). */
export function podsOwnedBy(job: Job, pods: readonly Pod[]): Pod[] {
  const uid = job.metadata.uid;
  return pods.filter((pod) => (pod.metadata.ownerReferences ?? []).some((ref) => ref.controller === true && ref.uid === uid));
}

/** Succeeded or Failed: the kubelet will not run it again. */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Running or about to run, and not being deleted: counts towards status.active. */
export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** Being deleted but not finished yet: counts towards status.terminating. */
export function isTerminating(pod: Pod): boolean {
  return !isTerminal(pod) && Boolean(pod.metadata.deletionTimestamp);
}

/** The pod's Ready condition is True. */
export function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * Kubernetes' isPodFailed: a Failed pod, or a deleted pod that did not succeed (an
 * orphan may never reach the Failed phase, yet it is a failure of the Job).
 */
export function isFailedForJob(pod: Pod): boolean {
  if (pod.status?.phase === 'Failed') return true;
  return Boolean(pod.metadata.deletionTimestamp) && pod.status?.phase !== 'Succeeded';
}

/** The pod still carries the tracking finalizer, so it has not been counted yet. */
export function isTracked(pod: Pod): boolean {
  return (pod.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
}

/** The pod's completion index, or undefined when it has none or a malformed one. */
export function completionIndexOf(pod: Pod): number | undefined {
  const value = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (typeof value !== 'string' || !/^(0|[1-9]\d*)$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Restarts of the containers of running or pending pods: with restartPolicy OnFailure
 * a failing container restarts in place, and these restarts count against backoffLimit.
 */
export function restartsOfActivePods(pods: readonly Pod[]): number {
  let restarts = 0;
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
    for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      restarts += Number(status?.restartCount ?? 0);
    }
  }
  return restarts;
}

/**
 * When the pod finished (Kubernetes' getFinishedTime): the last container termination,
 * else when its Ready condition turned False, else its deletion, else its creation.
 */
export function finishedTimeOf(pod: Pod): number {
  const finishedAt = (pod.status?.containerStatuses ?? [])
    .map((s) => Date.parse(s?.state?.terminated?.finishedAt ?? ''))
    .filter((t) => !Number.isNaN(t));
  if (finishedAt.length > 0) return Math.max(...finishedAt);
  const notReady = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready' && c.status === 'False');
  const notReadySince = Date.parse(notReady?.lastTransitionTime ?? '');
  if (!Number.isNaN(notReadySince)) return notReadySince;
  if (pod.metadata.deletionTimestamp) return Date.parse(pod.metadata.deletionTimestamp);
  return Date.parse(pod.metadata.creationTimestamp ?? '') || 0;
}
