/**
 * The kubelet's image pull back-off (client-go flowcontrol.Backoff as the kubelet
 * configures it: 10 s, doubling to at most 300 s, no jitter, forgotten after twice
 * the maximum without a failure). It is keyed per pod and image; times are seconds
 * on the caller's Kubernetes timeline.
 */

/** The back-off of one pod's image after at least one failed pull. */
export interface ImagePullBackoff {
  /** Seconds the next pull must wait after the last failure. */
  readonly delaySeconds: number;
  /** When the last pull failed. */
  readonly lastFailureAt: number;
}

/** The first delay after a failed pull. */
export const IMAGE_PULL_BACKOFF_INITIAL_SECONDS = 10;
/** The cap the delay doubles up to. */
export const IMAGE_PULL_BACKOFF_MAX_SECONDS = 300;
const FORGET_AFTER_SECONDS = 2 * IMAGE_PULL_BACKOFF_MAX_SECONDS;

/** The key the kubelet keeps a back-off under: `<pod UID>_<image as written>`. */
export function imagePullBackoffKey(podUid: string, image: string): string {
  return `${podUid}_${image}`;
}

/** True once the back-off has been quiet long enough to start over (and may be dropped). */
export function isImagePullBackoffExpired(state: ImagePullBackoff, now: number): boolean {
  return now - state.lastFailureAt > FORGET_AFTER_SECONDS;
}

/** The back-off after a pull failed at `now`: the initial delay, or double the last one up to the cap. */
export function recordImagePullFailure(previous: ImagePullBackoff | undefined, now: number): ImagePullBackoff {
  const restart = previous === undefined || isImagePullBackoffExpired(previous, now);
  const delaySeconds = restart ? IMAGE_PULL_BACKOFF_INITIAL_SECONDS : Math.min(previous.delaySeconds * 2, IMAGE_PULL_BACKOFF_MAX_SECONDS);
  return { delaySeconds, lastFailureAt: now };
}

/** True while a pull at `now` must wait (the kubelet then reports ImagePullBackOff). */
export function isImagePullBackingOff(state: ImagePullBackoff | undefined, now: number): boolean {
  if (state === undefined || isImagePullBackoffExpired(state, now)) return false;
  return now - state.lastFailureAt < state.delaySeconds;
}

/** The earliest time a pull may be attempted: `now` when nothing holds it back. */
export function nextImagePullAllowedAt(state: ImagePullBackoff | undefined, now: number): number {
  return state !== undefined && isImagePullBackingOff(state, now) ? state.lastFailureAt + state.delaySeconds : now;
}
