/**
 * Carries out a StartContainer: the container's file system with its volumes mounted and its environment resolved
 * (else CreateContainerConfigError), then its process; it counts as started once its postStart hook returned, and a
 * hook that failed kills it. Its exit is reported back, and the worker decides again.
 */
import { shareStrings } from '@kubelab/api';
import { containerCreateFailed, containerExited, containerStarted, containerStartFailed } from '@kubelab/pod-lifecycle';
import type { Container } from 'kubernetes-types/core/v1';
import { resolveEnv } from '../runtime/container-config.js';
import type { EmulatedContainer } from '../runtime/emulated-container.js';
import { runHook } from '../runtime/hooks.js';
import { memoryMiB } from '../runtime/memory.js';
import { baseEnv, containerFs, emulatedContainer, newContainerId, ownContainerSpec } from './container-setup.js';
import type { PodExecution } from './pod-execution.js';

/** True when the runtime changed at once. */
export function carryOutStart(exec: PodExecution, name: string): boolean {
  const image = exec.images.get(name);
  const spec = ownContainerSpec(exec.pod, name);
  if (!image || !spec || exec.inFlight.has(`start:${name}`)) return false;
  // A pod adopted from an earlier run of the agent has its sandbox but not yet its volumes' files.
  if (!exec.volumes.mount()) return false;
  const fs = containerFs(exec, spec, image.behaviour);
  const mountFailure = exec.volumes.mountInto(fs, spec);
  const resolved = mountFailure === undefined ? resolveEnv(spec, exec.pod, baseEnv(exec, image.behaviour), exec.deps.config, exec.node.allocatable) : { ok: false as const, message: mountFailure };
  if (!resolved.ok) {
    exec.apply(containerCreateFailed(exec.runtime, name, { message: resolved.message, now: exec.deps.time.now() }));
    return true;
  }
  const logs = exec.deps.logs(exec.pod.metadata.uid ?? '');
  logs.startRun(name);
  const container = emulatedContainer(exec, image, spec, {
    // Its values shared with the equal ones other containers hold: the Service variables of a namespace are the same in
    // every pod of it, and each was built anew as a rope of its parts (240 bytes a pod for KUBERNETES_PORT and its like).
    fs, env: shareStrings(resolved.value), memoryLimitMiB: memoryMiB(spec.resources?.limits?.memory),
    chargedMemoryMiB: () => exec.volumes.tmpfsChargedTo(name, (c) => exec.containers.own(c) !== undefined),
  });
  const containerID = newContainerId();
  const startFailure = container.startFailure;
  if (startFailure !== undefined) {
    logs.endRun(name);
    exec.apply(containerStartFailed(exec.runtime, name, { containerID, message: startFailure, now: exec.deps.time.now() }));
    return true;
  }
  exec.containers.started(name, container);
  run(exec, name, container, containerID, spec);
  return true;
}

/** The process runs; it counts as started now, or once its postStart hook returned. */
function run(exec: PodExecution, name: string, container: EmulatedContainer, containerID: string, spec: Container): void {
  let started = false;
  const markStarted = () => {
    if (started) return;
    started = true;
    exec.apply(containerStarted(exec.runtime, name, { containerID, now: exec.deps.time.now() }));
  };
  void container.run().then((exit) => {
    exec.deps.logs(exec.pod.metadata.uid ?? '').endRun(name);
    exec.containers.ended(name, container);
    if (exec.stopped) return;
    markStarted();
    exec.sessionEnded(container.endedBySession);
    exec.apply(containerExited(exec.runtime, name, { ...exit, now: exec.deps.time.now() }));
    exec.sync();
  });
  const postStart = spec.lifecycle?.postStart;
  if (!postStart) return markStarted();
  // As the kubelet: the container counts as started only once its postStart hook returned.
  exec.inFlight.add(`start:${name}`);
  void runHook(postStart, container, exec.deps.clock, exec.pod.spec?.terminationGracePeriodSeconds ?? 30).then((outcome) => {
    exec.inFlight.delete(`start:${name}`);
    if (exec.stopped || exec.containers.own(name) !== container) return;
    markStarted();
    if (!outcome.ok) {
      exec.hookFailed('FailedPostStartHook', outcome.message ?? 'postStart hook failed', `spec.containers{${name}}`);
      container.kill();
    }
    exec.sync();
  });
}
