/**
 * The `state.waiting` a container shows while its image is missing, with the
 * kubelet's reasons and messages (1.32 appends the last pull error to the back-off
 * message, so `kubectl describe` still says why).
 */
import { backOffPullingMessage, imageNeverPullMessage } from './image-pull-events.js';

/** A container's waiting state. */
export interface WaitingState {
  readonly reason: string;
  readonly message: string;
}

/** Right after a failed pull: the runtime's error as is. */
export function errImagePullState(runtimeError: string): WaitingState {
  return { reason: 'ErrImagePull', message: runtimeError };
}

/** While the back-off holds the next pull: `Back-off pulling image "x": ErrImagePull: <last error>`. */
export function imagePullBackOffState(image: string, lastRuntimeError?: string): WaitingState {
  const cause = lastRuntimeError === undefined ? '' : `: ErrImagePull: ${lastRuntimeError}`;
  return { reason: 'ImagePullBackOff', message: `${backOffPullingMessage(image)}${cause}` };
}

/** The policy is Never and the node lacks the image. */
export function errImageNeverPullState(image: string): WaitingState {
  return { reason: 'ErrImageNeverPull', message: imageNeverPullMessage(image) };
}

/** The reference did not parse; `message` is InvalidImageNameError's. */
export function invalidImageNameState(message: string): WaitingState {
  return { reason: 'InvalidImageName', message };
}
