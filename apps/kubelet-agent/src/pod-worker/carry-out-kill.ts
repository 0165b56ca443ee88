/** Carries out a KillContainer: preStop (within the grace period), then TERM, then KILL when the grace runs out. */
import { containerKilling, type KillContainer } from '@kubelab/pod-lifecycle';
import { runHook, type HookOutcome } from '../runtime/hooks.js';
import { ownContainerSpec } from './container-setup.js';
import type { PodExecution } from './pod-execution.js';

/** True: the runtime records the kill at once. */
export function carryOutKill(exec: PodExecution, action: KillContainer): boolean {
  const container = exec.containers.own(action.container);
  exec.apply(containerKilling(exec.runtime, action, exec.deps.time.now()));
  if (!container) return true;
  void exec.deps.clock.sleep(action.graceSeconds).then(() => container.kill());
  const preStop = ownContainerSpec(exec.pod, action.container)?.lifecycle?.preStop;
  const hook: Promise<HookOutcome> = preStop ? runHook(preStop, container, exec.deps.clock, action.graceSeconds) : Promise.resolve({ ok: true });
  void hook.then((outcome) => {
    if (!outcome.ok) exec.hookFailed('FailedPreStopHook', outcome.message ?? 'preStop hook failed', `spec.containers{${action.container}}`);
    container.terminate();
  });
  return true;
}
