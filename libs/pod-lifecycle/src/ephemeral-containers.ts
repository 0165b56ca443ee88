/**
 * Debug containers (`kubectl debug`, spec.ephemeralContainers): the kubelet starts each one the spec gains once
 * (computePodActions' EphemeralContainersToStart), never restarts it, and reports it in ephemeralContainerStatuses. Its
 * image is run as the registry has it, without the pull policy, the node's cache or the pull back-off; one the registry
 * lacks waits in ErrImagePull for good. The agent reports what happened through the update functions here.
 */
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { debugImage, type NodeImages } from './image-decision.js';
import type { KubeletPod } from './kubelet-pod.js';
import type { PodAction } from './pod-actions.js';
import { specOf } from './pod-spec.js';
import type { RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime } from './runtime-model.js';
import { kubeTime } from './time.js';

/** The debug containers of the spec the node has not started (nor failed to start) yet. */
export function ephemeralContainerActions(pod: KubeletPod, runtime: PodRuntime, images: NodeImages): PodAction[] {
  const known = new Set((runtime.ephemeralContainerStatuses ?? []).map((status) => status.name));
  return (specOf(pod).ephemeralContainers ?? [])
    .filter((spec) => !known.has(spec.name))
    .map((spec): PodAction => {
      const image = debugImage(spec.image ?? '', images.catalog);
      if (image.found) return { type: 'StartEphemeralContainer', container: spec.name, image: image.image };
      return { type: 'FailEphemeralContainer', container: spec.name, image: spec.image ?? '', reason: image.reason, message: image.message };
    });
}

function withStatus(runtime: PodRuntime, status: ContainerStatus): PodRuntime {
  const statuses = runtime.ephemeralContainerStatuses ?? [];
  const replaced = statuses.some((s) => s.name === status.name) ? statuses.map((s) => (s.name === status.name ? status : s)) : [...statuses, status];
  return { ...structuredClone(runtime), ephemeralContainerStatuses: replaced };
}

/** The debug container runs (event Started). */
export function ephemeralContainerStarted(runtime: PodRuntime, name: string, run: { image: string; imageID: string; containerID: string; now: Date }): RuntimeUpdate {
  const status: ContainerStatus = { name, image: run.image, imageID: run.imageID, containerID: run.containerID, ready: false, restartCount: 0, state: { running: { startedAt: kubeTime(run.now) } } };
  return { runtime: withStatus(runtime, status), events: [{ type: 'Normal', reason: 'Started', message: `Started container ${name}`, fieldPath: `spec.ephemeralContainers{${name}}` }] };
}

/** The debug container's process ended: Completed on exit 0, else Error. */
export function ephemeralContainerExited(runtime: PodRuntime, name: string, exit: { exitCode: number; now: Date }): RuntimeUpdate {
  const previous = runtime.ephemeralContainerStatuses?.find((s) => s.name === name);
  if (!previous?.state?.running) return { runtime, events: [] };
  const { state, ...base } = previous;
  const terminated = { exitCode: exit.exitCode, reason: exit.exitCode === 0 ? 'Completed' : 'Error', startedAt: state.running?.startedAt, finishedAt: kubeTime(exit.now), containerID: previous.containerID };
  return { runtime: withStatus(runtime, { ...base, state: { terminated } }), events: [] };
}

/** The debug container cannot run: it waits with the reason for good. */
export function ephemeralContainerFailed(runtime: PodRuntime, name: string, failure: { image: string; reason: string; message: string }): RuntimeUpdate {
  const status: ContainerStatus = { name, image: failure.image, imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: failure.reason, message: failure.message } } };
  return { runtime: withStatus(runtime, status), events: [] };
}
