/**
 * Whether the kubelet is done with a pod: no container runs and none will run again, because
 * the pod was deleted or failed by the kubelet, or its containers reached a final phase. A
 * finished pod has no sandbox any more and reports a terminal phase.
 */
import { containerStatuses } from './container-statuses.js';
import { isTerminalPhase, kubeletPhase, type PodPhase } from './pod-phase.js';
import { specOf } from './pod-spec.js';
import type { PodRuntime } from './runtime-model.js';
import type { KubeletPod } from './kubelet-pod.js';

/** True while any container runs (possibly inside its grace period). */
export function anyContainerRunning(runtime: PodRuntime): boolean {
  return Object.values(runtime.containers).some((c) => c.state === 'running');
}

/** The phase the containers alone give, before deletion, deadline and the api's own phase are considered. */
function lifecyclePhase(pod: KubeletPod, runtime: PodRuntime): PodPhase {
  const { init, app } = containerStatuses(pod, runtime);
  return kubeletPhase(specOf(pod), init, app, false);
}

/** True once the pod will never run a container again. */
export function podFinished(pod: KubeletPod, runtime: PodRuntime): boolean {
  if (anyContainerRunning(runtime)) return false;
  if (runtime.deletion || runtime.failure) return true;
  // A container stopped for a new image runs again, whatever the restart policy says.
  if (Object.values(runtime.containers).some((c) => c.definitionChanged)) return false;
  if (isTerminalPhase(pod.status?.phase)) return true;
  return isTerminalPhase(lifecyclePhase(pod, runtime));
}
