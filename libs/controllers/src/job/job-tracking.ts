/**
 * Counting finished pods exactly once, as Kubernetes does with its tracking finalizer:
 * a finished pod that still carries `batch.kubernetes.io/job-tracking` is first
 * written into status.uncountedTerminatedPods, then its finalizer is removed, and
 * only once the pod no longer carries it (or is gone) does its uid move into the
 * succeeded/failed totals. Pods may disappear at any point (PodGC, users) without
 * being lost or counted twice.
 */
import { cloneJson, type Job, type Pod } from '@kubelab/api';
import { parseIndexes } from './completed-indexes.js';
import { completionIndexOf, isFailedForJob, isTracked, JOB_TRACKING_FINALIZER } from './job-pods.js';

/** The Job's counts after this pass, and the pods whose finalizer may now go. */
export interface TrackedPods {
  /** Pods moved out of uncountedTerminatedPods, plus those counted before. */
  counted: { succeeded: number; failed: number };
  /** Finished pods written down but not yet released. */
  uncounted: { succeeded: string[]; failed: string[] };
  /** Indexed Jobs: every index that has succeeded. */
  completedIndexes?: Set<number>;
  /** Pods to release, once the status above is stored. */
  release: Pod[];
}

function validIndex(job: Job, pod: Pod): number | undefined {
  const index = completionIndexOf(pod);
  return index !== undefined && index < Number(job.spec?.completions ?? 0) ? index : undefined;
}

/** Folds the Job's finished pods into its status counts (see the file comment). */
export function trackFinishedPods(job: Job, ownPods: readonly Pod[]): TrackedPods {
  const status = job.status ?? {};
  const indexed = job.spec?.completionMode === 'Indexed';
  const tracked = ownPods.filter(isTracked);
  const trackedUids = new Set(tracked.map((p) => p.metadata.uid));
  const previous = status.uncountedTerminatedPods ?? {};
  const stillTracked = (uids: unknown): string[] => (Array.isArray(uids) ? uids : []).filter((uid) => trackedUids.has(uid));
  const uncounted = { succeeded: stillTracked(previous.succeeded), failed: stillTracked(previous.failed) };
  const counted = {
    succeeded: Number(status.succeeded ?? 0) + (previous.succeeded?.length ?? 0) - uncounted.succeeded.length,
    failed: Number(status.failed ?? 0) + (previous.failed?.length ?? 0) - uncounted.failed.length,
  };
  const completedIndexes = indexed ? parseIndexes(status.completedIndexes) : undefined;
  const release: Pod[] = [];
  for (const pod of tracked) {
    const uid = pod.metadata.uid ?? '';
    const written = uncounted.succeeded.includes(uid) || uncounted.failed.includes(uid);
    if (!written && pod.status?.phase === 'Succeeded') {
      const index = completedIndexes ? validIndex(job, pod) : undefined;
      if (index !== undefined) completedIndexes?.add(index);
      else if (!completedIndexes) uncounted.succeeded.push(uid);
    } else if (!written && isFailedForJob(pod)) {
      uncounted.failed.push(uid);
    } else if (!written) {
      continue;
    }
    release.push(withoutTrackingFinalizer(pod));
  }
  if (completedIndexes) counted.succeeded = completedIndexes.size;
  return { counted, uncounted, completedIndexes, release };
}

/** The pod once released: what the decisions (and the tests' worlds) take it to be after the shell's patch. */
export function withoutTrackingFinalizer(pod: Pod): Pod {
  const copy = cloneJson(pod);
  copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
  return copy;
}

/**
 * removeTrackingFinalizerPatch: the strategic merge patch by which the Job controller releases a pod. It removes only the
 * tracking finalizer, leaving any other writer's finalizers, and needs the `patch` verb its role grants on pods (not `update`).
 */
export function trackingFinalizerRemovalPatch(): Record<string, unknown> {
  return { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [JOB_TRACKING_FINALIZER] } };
}
