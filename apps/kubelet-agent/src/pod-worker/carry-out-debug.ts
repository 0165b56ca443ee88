/**
 * Carries out a StartEphemeralContainer (kubectl debug): the debug container runs once in the pod, in the process
 * namespace of its target container when it names one, and its end is reported; a FailEphemeralContainer is reported
 * as it is.
 */
import { ephemeralContainerExited, ephemeralContainerFailed, ephemeralContainerStarted, type FailEphemeralContainer, type StartEphemeralContainer } from '@kubelab/pod-lifecycle';
import { baseEnv, containerFs, emulatedContainer, newContainerId } from './container-setup.js';
import type { PodExecution } from './pod-execution.js';

/** True when the runtime changed at once (always: the debug container is running or reported failed). */
export function carryOutDebug(exec: PodExecution, action: StartEphemeralContainer | FailEphemeralContainer): boolean {
  if (action.type === 'FailEphemeralContainer') {
    exec.apply(ephemeralContainerFailed(exec.runtime, action.container, action));
    return true;
  }
  const spec = exec.pod.spec?.ephemeralContainers?.find((c) => c.name === action.container);
  if (!spec) return false;
  const { image } = action;
  const container = emulatedContainer(exec, image, spec, {
    fs: containerFs(exec, spec, image.behaviour), env: baseEnv(exec, image.behaviour),
    // kubectl debug --target: the debug container joins the target's process namespace.
    sharedProcesses: spec.targetContainerName ? exec.containers.own(spec.targetContainerName)?.processes : undefined,
  });
  const logs = () => exec.deps.logs(exec.pod.metadata.uid ?? '');
  logs().startRun(spec.name);
  exec.containers.debugStarted(spec.name, container);
  exec.apply(ephemeralContainerStarted(exec.runtime, spec.name, { image: image.image, imageID: image.imageID, containerID: newContainerId(), now: exec.deps.time.now() }));
  void container.run().then((exit) => {
    logs().endRun(spec.name);
    exec.containers.debugEnded(spec.name);
    exec.apply(ephemeralContainerExited(exec.runtime, spec.name, { exitCode: exit.exitCode, now: exec.deps.time.now() }));
    exec.report();
  });
  return true;
}
