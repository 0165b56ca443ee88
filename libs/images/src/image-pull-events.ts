/**
 * The events the kubelet records about a container's image (image_manager.go and
 * kuberuntime's "Error: …" event) with 1.32's exact type, reason and wording, so
 * `kubectl describe pod` reads like a real node's.
 */
import { formatGoDuration } from './go-duration.js';

/** An event about the container's image, ready for the lab's event recorder. */
export interface ImageEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

/** Timings and size of a finished pull. */
export interface PullTimings {
  /** Seconds the runtime spent pulling. */
  readonly pullSeconds: number;
  /** Seconds from the kubelet's request to the end, including waiting behind other pulls. */
  readonly totalSeconds: number;
  readonly sizeBytes: number;
}

const quote = (image: string) => JSON.stringify(image);

/** `Pulling image "nginx:1.14.2"`, before a pull starts. `image` is the reference as written in the pod. */
export function pullingImageEvent(image: string): ImageEvent {
  return { type: 'Normal', reason: 'Pulling', message: `Pulling image ${quote(image)}` };
}

/** `Successfully pulled image "nginx:1.14.2" in 1.2s (1.2s including waiting). Image size: 72000000 bytes.` */
export function pulledImageEvent(image: string, timings: PullTimings): ImageEvent {
  const { pullSeconds, totalSeconds, sizeBytes } = timings;
  const message = `Successfully pulled image ${quote(image)} in ${formatGoDuration(pullSeconds)} (${formatGoDuration(totalSeconds)} including waiting). Image size: ${sizeBytes} bytes.`;
  return { type: 'Normal', reason: 'Pulled', message };
}

/** `Container image "nginx:1.14.2" already present on machine`, when no pull is needed. */
export function imageAlreadyPresentEvent(image: string): ImageEvent {
  return { type: 'Normal', reason: 'Pulled', message: `Container image ${quote(image)} already present on machine` };
}

/** The pull policy Never met a missing image. */
export function imageNeverPullEvent(image: string): ImageEvent {
  return { type: 'Warning', reason: 'ErrImageNeverPull', message: imageNeverPullMessage(image) };
}

/** `Failed to pull image "x": <the runtime's error>`. */
export function failedToPullImageEvent(image: string, runtimeError: string): ImageEvent {
  return { type: 'Warning', reason: 'Failed', message: `Failed to pull image ${quote(image)}: ${runtimeError}` };
}

/** `Back-off pulling image "x"`, each time a sync finds the image still backing off. */
export function backOffPullingImageEvent(image: string): ImageEvent {
  return { type: 'Normal', reason: 'BackOff', message: backOffPullingMessage(image) };
}

/** The reference did not parse; `message` is InvalidImageNameError's. */
export function invalidImageNameEvent(message: string): ImageEvent {
  return { type: 'Warning', reason: 'InspectFailed', message };
}

/** `Error: ErrImagePull` (or ImagePullBackOff, …), the event that follows each failure above. */
export function containerErrorEvent(waitingReason: string): ImageEvent {
  return { type: 'Warning', reason: 'Failed', message: `Error: ${waitingReason}` };
}

/** The message for a missing image under the pull policy Never. */
export function imageNeverPullMessage(image: string): string {
  return `Container image ${quote(image)} is not present with pull policy of Never`;
}

/** The message for a pull held back by the back-off. */
export function backOffPullingMessage(image: string): string {
  return `Back-off pulling image ${quote(image)}`;
}
