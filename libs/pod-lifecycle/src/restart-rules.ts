/**
 * When the kubelet runs a container (again): kubecontainer.ShouldContainerBeRestarted plus the
 * init container rule that a run ending in exit 0 is final. A sidecar (restartable init container)
 * runs again whatever the pod's restartPolicy, until the main containers are done. Never once the
 * pod is being deleted or has been failed.
 */
import type { ContainerRuntime, PodRuntime, TerminatedState } from './runtime-model.js';

/** The most recent finished run: the terminated state, or lastState while waiting to run again. */
export function latestExit(container: ContainerRuntime): TerminatedState | undefined {
  if (container.state === 'terminated') return container.terminated;
  if (container.state === 'waiting') return container.lastTerminated;
  return undefined;
}

/** The container has been created at least once (the kubelet has a status for it). */
export function hasRun(container: ContainerRuntime | undefined): boolean {
  return !!container && container.containerID !== '';
}

/** App containers and sidecars report the prober's readiness; a regular init container is ready once it exited 0. */
export function reportsReadiness(container: ContainerRuntime): boolean {
  return container.kind === 'app' || container.sidecar === true;
}

function regularRestartAfterExit(runtime: PodRuntime, container: ContainerRuntime, exitCode: number): boolean {
  if (container.kind === 'init' && exitCode === 0) return false;
  if (runtime.restartPolicy === 'Never') return false;
  return runtime.restartPolicy === 'Always' || exitCode !== 0;
}

function finishedForGood(runtime: PodRuntime, container: ContainerRuntime): boolean {
  if (container.state === 'running' || !hasRun(container) || container.definitionChanged) return false;
  const exit = latestExit(container);
  return !!exit && !regularRestartAfterExit(runtime, container, exit.exitCode);
}

/**
 * The kubelet's KillPod outside deletion: every app container has run and none runs or will run again, or a regular
 * init container failed under restartPolicy Never. The sidecars still running are then stopped and never restarted,
 * so they cannot keep a Job's pod from completing.
 */
export function mainContainersDone(runtime: PodRuntime): boolean {
  const containers = Object.values(runtime.containers);
  const initFailed = runtime.restartPolicy === 'Never' && containers.some((c) => c.kind === 'init' && !c.sidecar && (latestExit(c)?.exitCode ?? 0) !== 0);
  if (initFailed) return true;
  const apps = containers.filter((c) => c.kind === 'app');
  return apps.length > 0 && apps.every((c) => finishedForGood(runtime, c));
}

/** Whether a container that just exited with exitCode will be started again. */
export function restartsAfterExit(runtime: PodRuntime, container: ContainerRuntime, exitCode: number): boolean {
  if (runtime.deletion || runtime.failure) return false;
  if (container.sidecar) return !mainContainersDone(runtime);
  return regularRestartAfterExit(runtime, container, exitCode);
}

/** Whether a container that is not running should be (its first run, or a restart the policy allows). */
export function wantsToRun(runtime: PodRuntime, container: ContainerRuntime): boolean {
  if (container.state === 'running' || runtime.deletion || runtime.failure) return false;
  const exit = latestExit(container);
  return !exit || container.definitionChanged === true || restartsAfterExit(runtime, container, exit.exitCode);
}
