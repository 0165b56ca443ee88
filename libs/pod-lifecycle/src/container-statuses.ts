/**
 * status.initContainerStatuses and status.containerStatuses as the kubelet writes them
 * (convertToAPIContainerStatuses plus the prober's ready/started): init containers in spec order,
 * app containers sorted by name, times to the second, lastState `{}` when there was no previous
 * run, image and imageID as the runtime names them once the container ran (the spec image and
 * `""` before), and volumeMounts with their recursiveReadOnly mode.
 */
import type { Container, ContainerState, ContainerStateTerminated, ContainerStatus, VolumeMountStatus } from 'kubernetes-types/core/v1';
import { appContainersOf, initContainersOf } from './pod-spec.js';
import { crashLoopWaiting } from './crash-loop.js';
import type { ContainerRuntime, PodRuntime, TerminatedState, WaitingState } from './runtime-model.js';
import { kubeTime } from './time.js';
import type { KubeletPod } from './kubelet-pod.js';

/** One finished run as a v1 ContainerStateTerminated. */
function terminatedJson(run: TerminatedState): ContainerStateTerminated {
  return {
    exitCode: run.exitCode,
    ...(run.signal === undefined ? {} : { signal: run.signal }),
    reason: run.reason,
    ...(run.message === undefined ? {} : { message: run.message }),
    startedAt: kubeTime(run.startedAt),
    finishedAt: kubeTime(run.finishedAt),
    containerID: run.containerID,
  };
}

function stateJson(container: ContainerRuntime, crashLoop: WaitingState | undefined): ContainerState {
  if (crashLoop) return { waiting: { reason: crashLoop.reason, ...(crashLoop.message === undefined ? {} : { message: crashLoop.message }) } };
  if (container.state === 'running' && container.startedAt) return { running: { startedAt: kubeTime(container.startedAt) } };
  if (container.state === 'terminated' && container.terminated) return { terminated: terminatedJson(container.terminated) };
  const waiting = container.waiting ?? { reason: 'ContainerCreating' };
  return { waiting: { reason: waiting.reason, ...(waiting.message === undefined ? {} : { message: waiting.message }) } };
}

function volumeMountStatuses(spec: Container): VolumeMountStatus[] | undefined {
  if (!spec.volumeMounts?.length) return undefined;
  return spec.volumeMounts.map((mount) => {
    if (!mount.readOnly) return { name: mount.name, mountPath: mount.mountPath };
    const recursive = mount.recursiveReadOnly === 'Enabled' || mount.recursiveReadOnly === 'IfPossible';
    return { name: mount.name, mountPath: mount.mountPath, readOnly: true, recursiveReadOnly: recursive ? 'Enabled' : 'Disabled' };
  });
}

function statusJson(spec: Container, container: ContainerRuntime, crashLoop: WaitingState | undefined): ContainerStatus {
  const volumeMounts = volumeMountStatuses(spec);
  const last = crashLoop ? container.terminated : container.lastTerminated;
  return {
    name: spec.name,
    state: stateJson(container, crashLoop),
    lastState: last ? { terminated: terminatedJson(last) } : {},
    ready: container.ready,
    restartCount: container.restartCount,
    image: container.runImage ?? spec.image ?? container.image,
    imageID: container.imageID,
    ...(container.containerID ? { containerID: container.containerID } : {}),
    started: container.started,
    ...(volumeMounts ? { volumeMounts } : {}),
  };
}

function statusesOf(specs: Container[], runtime: PodRuntime, now: Date | undefined): ContainerStatus[] {
  return specs
    .filter((spec) => runtime.containers[spec.name])
    .map((spec) => {
      const container = runtime.containers[spec.name];
      return statusJson(spec, container, now && crashLoopWaiting(runtime, container, now));
    });
}

/** Both status lists, in the kubelet's order, as published at `now` (without it, a held-back restart shows its run). */
export function containerStatuses(pod: KubeletPod, runtime: PodRuntime, now?: Date): { init: ContainerStatus[]; app: ContainerStatus[] } {
  const app = statusesOf(appContainersOf(pod), runtime, now).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { init: statusesOf(initContainersOf(pod), runtime, now), app };
}
