/**
 * Which init container runs next (kubelet findNextInitContainerToRun without sidecars): they run
 * one at a time in order, a failed one is run again, and initialization is over once the last
 * one exited 0 or any app container has ever run.
 */
import { appContainersOf, initContainersOf } from './pod-spec.js';
import { latestExit } from './restart-rules.js';
import type { ContainerRuntime, PodRuntime } from './runtime-model.js';
import type { KubeletPod } from './kubelet-pod.js';

/** Initialization is over, or this container is the one to (re)start, or one is running. */
export type InitProgress = { done: true } | { done: false; next?: ContainerRuntime };

function hasRun(container: ContainerRuntime | undefined): boolean {
  return !!container && container.containerID !== '';
}

/** Where initialization of the pod stands. */
export function initProgress(pod: KubeletPod, runtime: PodRuntime): InitProgress {
  if (appContainersOf(pod).some((c) => hasRun(runtime.containers[c.name]))) return { done: true };
  const inits = initContainersOf(pod)
    .map((c) => runtime.containers[c.name])
    .filter((c): c is ContainerRuntime => !!c);
  for (let i = inits.length - 1; i >= 0; i--) {
    const container = inits[i];
    if (!hasRun(container)) continue;
    const exit = latestExit(container);
    if (!exit) return { done: false };
    if (exit.exitCode !== 0) return { done: false, next: container };
    return i === inits.length - 1 ? { done: true } : { done: false, next: inits[i + 1] };
  }
  return inits.length > 0 ? { done: false, next: inits[0] } : { done: true };
}
