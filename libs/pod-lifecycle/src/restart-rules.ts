/**
 * When the kubelet runs a container (again): kubecontainer.ShouldContainerBeRestarted plus the
 * init container rule that a run ending in exit 0 is final. Never once the pod is being
 * deleted or has been failed.
 */
import type { ContainerRuntime, PodRuntime, TerminatedState } from './runtime-model.js';

/** The most recent finished run: the terminated state, or lastState while waiting to run again. */
export function latestExit(container: ContainerRuntime): TerminatedState | undefined {
  if (container.state === 'terminated') return container.terminated;
  if (container.state === 'waiting') return container.lastTerminated;
  return undefined;
}

/** Whether a container that just exited with exitCode will be started again. */
export function restartsAfterExit(runtime: PodRuntime, container: ContainerRuntime, exitCode: number): boolean {
  if (runtime.deletion || runtime.failure) return false;
  if (container.kind === 'init' && exitCode === 0) return false;
  if (runtime.restartPolicy === 'Never') return false;
  return runtime.restartPolicy === 'Always' || exitCode !== 0;
}

/** Whether a container that is not running should be (its first run, or a restart the policy allows). */
export function wantsToRun(runtime: PodRuntime, container: ContainerRuntime): boolean {
  if (container.state === 'running' || runtime.deletion || runtime.failure) return false;
  const exit = latestExit(container);
  return !exit || container.definitionChanged === true || restartsAfterExit(runtime, container, exit.exitCode);
}
