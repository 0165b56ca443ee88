/**
 * The delay before a Job replaces failed pods: 10 s after the first failure since the
 * last success, doubling with each further failure, capped at 6 minutes (Kubernetes
 * durations, scaled by the lab's time scale).
 */
import type { Pod } from '@kubelab/api';
import { finishedTimeOf, isFailedForJob } from './job-pods.js';
import type { JobClock } from './job-clock.js';

const INITIAL_BACKOFF_SECONDS = 10;
const MAX_BACKOFF_SECONDS = 360;

/** Kubernetes seconds of back-off after `failures` consecutive failures. */
export function backoffSeconds(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(INITIAL_BACKOFF_SECONDS * 2 ** (failures - 1), MAX_BACKOFF_SECONDS);
}

/**
 * Wall milliseconds still to wait before creating pods, judged from the pods at hand:
 * failures after the latest success, counted from the latest failure's finish time.
 */
export function remainingBackoffMs(pods: readonly Pod[], clock: JobClock): number {
  const lastSuccess = Math.max(0, ...pods.filter((p) => p.status?.phase === 'Succeeded').map(finishedTimeOf));
  const failures = pods.filter(isFailedForJob).map(finishedTimeOf).filter((t) => t >= lastSuccess);
  if (failures.length === 0) return 0;
  const waitMs = (backoffSeconds(failures.length) * 1000) / clock.timeScale;
  const elapsedMs = clock.now.getTime() - Math.max(...failures);
  return Math.max(0, waitMs - elapsedMs);
}
