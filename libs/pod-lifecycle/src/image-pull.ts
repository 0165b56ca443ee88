/**
 * Outcomes of resolving a container's image (kubelet image manager EnsureImageExists), with the
 * events it records. The agent owns the image cache, the pull policy and the pull back-off;
 * this records what it found: pulling, pulled (or already present), or one of the failures,
 * after which the start is attempted again at the next pod sync.
 */
import { containerEvent, type PodEvent } from './pod-events.js';
import { editContainer, unchanged, type RuntimeUpdate } from './runtime-update.js';
import type { ContainerRuntime, PodRuntime } from './runtime-model.js';
import { goDuration } from './go-duration.js';
import { retryAfterFailedSync } from './sync-retry.js';
import { moveToWaiting } from './waiting.js';

/** A real pull's numbers, for the Pulled event. */
export interface PullReport {
  /** Time spent pulling. */
  pullMs: number;
  /** Including time spent waiting for other pulls; defaults to pullMs. */
  totalMs?: number;
  sizeBytes: number;
}

/** Why resolving the image failed: a registry error (with its message) or the image manager's own refusals. */
export type PullFailure =
  | { reason: 'ErrImagePull'; message: string; now: Date }
  | { reason: 'ImagePullBackOff' | 'ErrImageNeverPull' | 'InvalidImageName'; now: Date };

/**
 * The image a PullImage resolves becomes the container's: a container that is not running and whose spec now names
 * another image (kubectl set image on a pod in ImagePullBackOff) resolves, reports and runs the new one, with no
 * restart and no wait for the old image's pull back-off (the kubelet keys that back-off by pod and image).
 */
export function imageChosen(runtime: PodRuntime, name: string, image: string): RuntimeUpdate {
  if (runtime.containers[name]?.image === image) return unchanged(runtime);
  const edit = editContainer(runtime, name);
  edit.container.image = image;
  edit.container.retryAt = undefined;
  return { runtime: edit.runtime, events: [] };
}

/** The agent started pulling the image (event Pulling). */
export function imagePulling(runtime: PodRuntime, name: string): RuntimeUpdate {
  const edit = editContainer(runtime, name);
  edit.container.pull = { phase: 'pulling' };
  return { runtime: edit.runtime, events: [containerEvent(edit.container, 'Normal', 'Pulling', `Pulling image "${edit.container.image}"`)] };
}

function pulledMessage(image: string, report: PullReport | undefined): string {
  if (!report) return `Container image "${image}" already present on machine`;
  const total = goDuration(report.totalMs ?? report.pullMs);
  return `Successfully pulled image "${image}" in ${goDuration(report.pullMs)} (${total} including waiting). Image size: ${report.sizeBytes} bytes.`;
}

/** What the agent resolved: the image ID, the runtime's name for the image, and the pull's numbers when it pulled. */
export interface PulledImage {
  /** status imageID: `docker.io/library/nginx@sha256:…`. */
  imageID: string;
  /** status image once the container ran, when the runtime names it differently from the spec. */
  image?: string;
  /** Omitted when the image was already present. */
  pulled?: PullReport;
}

/** The image is on the node (pulled now when `pulled` is given, else already present); the container can start. */
export function imagePulled(runtime: PodRuntime, name: string, result: PulledImage): RuntimeUpdate {
  const edit = editContainer(runtime, name);
  edit.container.pull = { phase: 'pulled', imageID: result.imageID, ...(result.image ? { image: result.image } : {}) };
  edit.container.retryAt = undefined;
  const event = containerEvent(edit.container, 'Normal', 'Pulled', pulledMessage(edit.container.image, result.pulled));
  return { runtime: edit.runtime, events: [event] };
}

function failureDetails(container: ContainerRuntime, failure: PullFailure): { message: string; event: PodEvent } {
  const image = container.image;
  switch (failure.reason) {
    case 'ErrImagePull':
      return { message: failure.message, event: containerEvent(container, 'Warning', 'Failed', `Failed to pull image "${image}": ${failure.message}`) };
    case 'ImagePullBackOff': {
      const message = `Back-off pulling image "${image}"`;
      return { message, event: containerEvent(container, 'Normal', 'BackOff', message) };
    }
    case 'ErrImageNeverPull': {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      return { message, event: containerEvent(container, 'Warning', 'ErrImageNeverPull', message) };
    }
    case 'InvalidImageName': {
      const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
      return { message, event: containerEvent(container, 'Warning', 'InspectFailed', message) };
    }
  }
}

/**
 * The image could not be resolved: the container waits with the failure's reason and the start is
 * retried at the next pod sync. Report ErrImagePull for a failed pull and ImagePullBackOff when
 * the agent's pull back-off refused to try; that alternation is what kubectl shows. Ignored
 * for a container that is running.
 */
export function imagePullFailed(runtime: PodRuntime, name: string, failure: PullFailure): RuntimeUpdate {
  if (runtime.containers[name]?.state === 'running') return unchanged(runtime);
  const edit = editContainer(runtime, name);
  const { message, event } = failureDetails(edit.container, failure);
  moveToWaiting(edit.container, { reason: failure.reason, message });
  edit.container.pull = { phase: 'none' };
  edit.container.retryAt = retryAfterFailedSync(failure.now);
  const error = containerEvent(edit.container, 'Warning', 'Failed', `Error: ${failure.reason}`);
  return { runtime: edit.runtime, events: [event, error] };
}
