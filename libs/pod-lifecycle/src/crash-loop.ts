/**
 * When a container in restart back-off shows CrashLoopBackOff. The kubelet generates a pod's status at the start of
 * each sync, before it acts: the sync right after a crash publishes the run as terminated (Error, or Completed for
 * exit 0) and only then finds the restart in back-off (event BackOff); the waiting CrashLoopBackOff state, with that
 * run as lastState, comes from the next sync. So `kubectl get pod -w` shows `0/1 Error`, then `0/1 CrashLoopBackOff`.
 * Here the next sync is one second after the exit (the kubelet's sync loop ticks every second), and the state lasts
 * until the container starts again; a container that will not run again (the pod is being deleted) stays terminated.
 */
import { goDuration } from './go-duration.js';
import { wantsToRun } from './restart-rules.js';
import type { ContainerRuntime, PodRuntime, WaitingState } from './runtime-model.js';
import { addSeconds } from './time.js';

/** The delay between the sync that published the crash and the one that shows the back-off. */
const NEXT_SYNC_SECONDS = 1;

/** The instant the back-off of this crashed run starts to show, if its restart is held back. */
export function crashLoopShownAt(container: ContainerRuntime): Date | undefined {
  if (container.state !== 'terminated' || !container.terminated || container.backoff?.until === undefined) return undefined;
  return addSeconds(container.terminated.finishedAt, NEXT_SYNC_SECONDS);
}

/** The CrashLoopBackOff waiting state the container shows at `now`, if it shows one. */
export function crashLoopWaiting(runtime: PodRuntime, container: ContainerRuntime, now: Date): WaitingState | undefined {
  const shownAt = crashLoopShownAt(container);
  if (!shownAt || shownAt.getTime() > now.getTime() || !wantsToRun(runtime, container) || !container.backoff) return undefined;
  const pod = `${runtime.pod.name}_${runtime.pod.namespace}(${runtime.pod.uid})`;
  const delay = goDuration(container.backoff.delaySeconds * 1000);
  return { reason: 'CrashLoopBackOff', message: `back-off ${delay} restarting failed container=${container.name} pod=${pod}` };
}
