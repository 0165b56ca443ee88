/**
 * Pods left behind by a Job that is gone. A Job deleted in the background disappears
 * before its pods do, so nothing would ever count them, and their tracking finalizer
 * would keep them Terminating forever (and their namespace from ever going).
 * Kubernetes' job controller (syncOrphanPod) therefore releases every tracked pod
 * whose controller Job no longer exists, or is another Job by the same name.
 */
import type { Job, Pod } from '@kubelab/api';
import { isTracked } from './job-pods.js';
import { withoutTrackingFinalizer } from './job-tracking.js';

/**
 * The tracked pods controlled by a Job named `jobName` that is not `job` (undefined:
 * gone), each without the finalizer, as the shell writes them back.
 */
export function releaseOrphanedPods(jobName: string, job: Job | undefined, pods: readonly Pod[]): Pod[] {
  const orphaned = pods.filter((pod) =>
    isTracked(pod) &&
    (pod.metadata.ownerReferences ?? []).some((ref) => ref.controller === true && ref.kind === 'Job' && ref.name === jobName && ref.uid !== job?.metadata.uid),
  );
  return orphaned.map(withoutTrackingFinalizer);
}
