/**
 * What the kubelet decides to do next for a pod, as data: the agent carries the actions out and
 * reports each outcome back through the update functions.
 */
import type { ResolvedImage } from '@kubelab/images';
import type { ImageDecision } from './image-decision.js';
import type { ContainerKind, KillReason } from './runtime-model.js';

/** Create the pod sandbox (network namespace, pod IP); report with sandboxReady. */
export interface CreateSandbox {
  type: 'CreateSandbox';
}

/**
 * Resolve the image of the next run as the image manager decided: for `pull`, report imagePulling, then imagePulled
 * (or imagePullFailed with ErrImagePull for a registry miss, after stepping the back-off); for `use-cached`, imagePulled
 * without numbers; for `refuse`, imagePullFailed with its reason.
 */
export interface PullImage {
  type: 'PullImage';
  container: string;
  kind: ContainerKind;
  /** The image as the spec names it. */
  image: string;
  decision: ImageDecision;
}

/** Create and start the container; report with containerStarted or containerCreateFailed. */
export interface StartContainer {
  type: 'StartContainer';
  container: string;
  kind: ContainerKind;
}

/** Stop a running container: SIGTERM, then SIGKILL after graceSeconds; report with containerKilling, then containerExited. */
export interface KillContainer {
  type: 'KillContainer';
  container: string;
  kind: ContainerKind;
  reason: KillReason;
  /** The Killing event message: `Stopping container nginx`, `Container nginx failed liveness probe, will be restarted`. */
  message: string;
  graceSeconds: number;
  /** For DefinitionChanged: the image the spec names now, which the next run pulls. */
  image?: string;
}

/** Call computePodActions again at this time (a back-off ends, a retry, a deadline, a probe is due). */
export interface WaitUntil {
  type: 'WaitUntil';
  at: Date;
}

/** Every container stopped after the deletion: publish the final status, then delete the pod with grace 0 and its uid as precondition. */
export interface ConfirmDeletion {
  type: 'ConfirmDeletion';
}

/** The kubelet fails the pod itself (activeDeadlineSeconds); report with podFailed. */
export interface FailPod {
  type: 'FailPod';
  reason: 'DeadlineExceeded' | 'Evicted';
  message: string;
  /** Kept with the failure's Event: the eviction manager's reasons. */
  annotations?: Record<string, string>;
}

/** Start a debug container (kubectl debug) from the image the registry has; report with ephemeralContainerStarted, then ephemeralContainerExited. */
export interface StartEphemeralContainer {
  type: 'StartEphemeralContainer';
  container: string;
  image: ResolvedImage;
}

/** A debug container that cannot run (its image is missing or unparsable); report with ephemeralContainerFailed. */
export interface FailEphemeralContainer {
  type: 'FailEphemeralContainer';
  container: string;
  /** The image as the spec names it. */
  image: string;
  reason: 'ErrImagePull' | 'InvalidImageName';
  message: string;
}

/** One decision of the kubelet. */
export type PodAction =
  | CreateSandbox
  | PullImage
  | StartContainer
  | KillContainer
  | WaitUntil
  | ConfirmDeletion
  | FailPod
  | StartEphemeralContainer
  | FailEphemeralContainer;
