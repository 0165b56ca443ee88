/**
 * After a pod sync fails (an image that cannot be pulled, a container that cannot be created),
 * the kubelet's pod worker syncs the pod again after its back-off period of 10 s; that is when
 * a failed start is attempted again.
 */
import { addSeconds } from './time.js';

/** The kubelet pod worker's back-off after a failed sync (jitter left out). */
export const SYNC_RETRY_SECONDS = 10;

/** When a start that failed at `now` is attempted again, as an ISO string. */
export function retryAfterFailedSync(now: Date): string {
  return addSeconds(now, SYNC_RETRY_SECONDS).toISOString();
}
