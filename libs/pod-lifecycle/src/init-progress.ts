/**
 * Where the pod's initialization stands (kubelet computeInitContainerActions, SidecarContainers on as in 1.32): init
 * containers start one at a time in spec order; a regular one must exit 0 before the next starts (a failed one runs
 * again), a sidecar (restartPolicy Always) lets the next start once it runs and its startup probe passed, and is
 * started again whenever it is not running. The walk goes from the last init container back, as the kubelet's does, so
 * the furthest one that ran decides; the pod is initialized once the last init container is done, or once an app
 * container runs.
 */
import { appContainersOf, initContainersOf } from './pod-spec.js';
import { hasRun, latestExit } from './restart-rules.js';
import type { ContainerRuntime, PodRuntime } from './runtime-model.js';
import type { KubeletPod } from './kubelet-pod.js';

/** Whether the app containers may run, and the init containers to (re)start now, in spec order. */
export interface InitProgress {
  initialized: boolean;
  toStart: ContainerRuntime[];
}

/** What one init container, seen from the back of the list, adds to the walk. */
interface Step {
  start?: ContainerRuntime;
  initialized?: boolean;
}

/** A container that has run, not skipped: what its state asks for. `next` is the init container after it. */
function stepOf(container: ContainerRuntime, next: ContainerRuntime | undefined, previouslyInitialized: boolean): Step {
  if (container.state === 'running') {
    if (!container.sidecar || !container.started) return {};
    if (!next) return { initialized: true };
    return previouslyInitialized ? {} : { start: next };
  }
  if (container.sidecar) return { start: container };
  const exit = latestExit(container);
  if (!exit || exit.exitCode !== 0) return { start: container };
  return next ? { start: next } : { initialized: true };
}

/** Where initialization of the pod stands. */
export function initProgress(pod: KubeletPod, runtime: PodRuntime): InitProgress {
  const inits = initContainersOf(pod)
    .map((c) => runtime.containers[c.name])
    .filter((c): c is ContainerRuntime => !!c);
  if (inits.length === 0) return { initialized: true, toStart: [] };
  let initialized = appContainersOf(pod).some((c) => runtime.containers[c.name]?.state === 'running');
  let previouslyInitialized = initialized;
  const toStart: ContainerRuntime[] = [];
  for (let i = inits.length - 1; i >= 0; i--) {
    const container = inits[i];
    if (!hasRun(container)) {
      // Its run is gone or never was: after initialization only a sidecar is started again.
      if (previouslyInitialized && container.sidecar) toStart.push(container);
      continue;
    }
    if (previouslyInitialized && !container.sidecar) continue;
    const step = stepOf(container, inits[i + 1], previouslyInitialized);
    if (step.start) toStart.push(step.start);
    if (step.initialized) initialized = true;
    previouslyInitialized = true;
  }
  if (!previouslyInitialized) toStart.push(inits[0]);
  return { initialized, toStart: toStart.reverse() };
}
