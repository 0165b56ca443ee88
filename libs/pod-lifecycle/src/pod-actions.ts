/**
 * What the kubelet decides to do next for a pod, as data: the agent carries the actions out and
 * reports each outcome back through the update functions.
 */
import type { ContainerKind, KillReason } from './runtime-model.js';

/** Create the pod sandbox (network namespace, pod IP); report with sandboxReady. */
export interface CreateSandbox {
  type: 'CreateSandbox';
}

/** Resolve the image of the next run (cache, policy, registry); report with imagePulling/imagePulled/imagePullFailed. */
export interface PullImage {
  type: 'PullImage';
  container: string;
  kind: ContainerKind;
  image: string;
  pullPolicy: string;
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

/** One decision of the kubelet. */
export type PodAction = CreateSandbox | PullImage | StartContainer | KillContainer | WaitUntil | ConfirmDeletion | FailPod;
