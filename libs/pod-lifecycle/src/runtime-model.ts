/**
 * What the node knows about one pod, as plain JSON the kubelet-agent can keep and persist:
 * the sandbox, every container's current and previous run, restart back-off, image resolution
 * and probe bookkeeping. Times are ISO-8601 strings; every change goes through the update
 * functions of this library, so the agent never edits it by hand.
 */
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { FlatBackoff } from './flat-backoff.js';

/** Which list of the pod spec a container comes from. */
export type ContainerKind = 'init' | 'app';

/** The three kubelet probes. */
export type ProbeType = 'liveness' | 'readiness' | 'startup';

/** A pod's restart policy, as defaulted by the api-server. */
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** Why a container is not running yet (status.containerStatuses[].state.waiting.reason). */
export type WaitingReason =
  | 'ContainerCreating'
  | 'PodInitializing'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'CrashLoopBackOff'
  | 'ErrImageNeverPull'
  | 'InvalidImageName'
  | 'CreateContainerConfigError';

/** How a run ended, as containerd reports it (plus the kubelet's ContainerStatusUnknown); StartError when the process could not start. */
export type TerminatedReason = 'Completed' | 'Error' | 'OOMKilled' | 'StartError' | 'ContainerStatusUnknown';

/**
 * Why the kubelet stops a running container (DefinitionChanged: the pod's spec gave it a new image; PodFinished: the
 * main containers are done, so the sidecars that outlived them are stopped).
 */
export type KillReason = 'Unhealthy' | 'Deleting' | 'DeadlineExceeded' | 'DefinitionChanged' | 'PodFinished';

/** The waiting state shown in the container status. */
export interface WaitingState {
  reason: WaitingReason;
  message?: string;
}

/** One finished run of a container. */
export interface TerminatedState {
  exitCode: number;
  /** The CRI never reports it, so the kubelet never sets it; kept only when the agent does. */
  signal?: number;
  reason: TerminatedReason;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID: string;
}

/** The restart back-off of one container (kubelet key: pod + container), and the restart it delays. */
export interface RestartBackoff extends FlatBackoff {
  /** Set while the restart of a crashed run is held back (shown as CrashLoopBackOff): the earliest restart. */
  until?: string;
}

/** How far the image of the next run has been resolved. */
export type ImagePull = { phase: 'none' } | { phase: 'pulling' } | { phase: 'pulled'; imageID: string; image?: string };

/** The prober's memory for one probe of the current run (kubelet prober worker). */
export interface ProbeTrack {
  successThreshold: number;
  failureThreshold: number;
  lastProbeAt?: string;
  lastResult?: 'success' | 'failure';
  /** How many probes in a row returned lastResult. */
  run: number;
  /** The result once a threshold was crossed; unset means the probe's initial value. */
  outcome?: 'success' | 'failure';
}

/** A kill the agent has started (SIGTERM sent, SIGKILL after graceSeconds). */
export interface Stopping {
  reason: KillReason;
  requestedAt: string;
  graceSeconds: number;
}

/** What the node knows about one container of the pod. */
export interface ContainerRuntime {
  name: string;
  kind: ContainerKind;
  /**
   * An init container with restartPolicy Always (KEP-753): it counts as initialized once started, keeps running beside
   * the app containers, is restarted whatever the pod's restartPolicy, and is stopped after them.
   */
  sidecar?: boolean;
  /** The image as the spec names it (events say `Pulling image "nginx:1.27"`). */
  image: string;
  /** The image as the runtime names the container's image once it ran (containerd: `docker.io/library/nginx:1.27`). */
  runImage?: string;
  state: 'waiting' | 'running' | 'terminated';
  /** Set when state is waiting. */
  waiting?: WaitingState;
  /** Start of the current run, set when state is running. */
  startedAt?: string;
  /** Set when state is terminated. */
  terminated?: TerminatedState;
  /** The previous run (status lastState). */
  lastTerminated?: TerminatedState;
  restartCount: number;
  /** The startup probe passed, or there is none. */
  started: boolean;
  /** Readiness (for regular init containers: exited 0). */
  ready: boolean;
  imageID: string;
  containerID: string;
  backoff?: RestartBackoff;
  pull: ImagePull;
  /** After a failed start attempt, the kubelet tries again at its next pod sync. */
  retryAt?: string;
  stopping?: Stopping;
  /**
   * Its spec changed while it ran (`kubectl apply` of a new image): it runs again whatever the
   * restart policy and without restart back-off, as the kubelet starts a container of a new hash.
   */
  definitionChanged?: boolean;
  probes: Partial<Record<ProbeType, ProbeTrack>>;
}

/** Names the pod in kubelet messages (format.Pod: name_namespace(uid)). */
export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

/** A graceful deletion the agent has seen (metadata.deletionTimestamp). */
export interface Deletion {
  requestedAt: string;
  graceSeconds: number;
}

/** Why the kubelet failed the pod on its own. */
export interface PodFailure {
  reason: 'DeadlineExceeded' | 'Evicted';
  message: string;
  at: string;
}

/** What the node knows about one pod. */
export interface PodRuntime {
  pod: PodRef;
  restartPolicy: RestartPolicy;
  sandbox: 'none' | 'ready';
  hostIP: string;
  podIP?: string;
  startTime: string;
  /** Init and app containers by name (names are unique across both lists). */
  containers: Record<string, ContainerRuntime>;
  deletion?: Deletion;
  failure?: PodFailure;
  /** The debug containers started (or that could not start), in the order they were: run once, reported as they are. */
  ephemeralContainerStatuses?: ContainerStatus[];
}
