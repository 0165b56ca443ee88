/**
 * The STATUS column of `kubectl get pods`, computed exactly as kube-apiserver's printPod does:
 * phase or status.reason, then init container progress, then the app containers' states, then
 * Terminating/Unknown for pods being deleted.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { initContainerProgress } from './pod-init-containers.js';

function baseReason(pod: Pod): string {
  const status = pod.status ?? {};
  const gated = status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated');
  if (gated) return 'SchedulingGated';
  return status.reason || status.phase || '';
}

/** The reason the app containers give, scanning last to first so the first container wins. */
function containersReason(pod: Pod, fallback: string): string {
  let reason = fallback;
  let hasRunning = false;
  for (const status of [...(pod.status?.containerStatuses ?? [])].reverse()) {
    const { waiting, terminated, running } = status.state ?? {};
    if (waiting?.reason) reason = waiting.reason;
    else if (terminated?.reason) reason = terminated.reason;
    else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
    else if (status.ready && running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) {
    const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    return ready ? 'Running' : 'NotReady';
  }
  return reason;
}

function isTerminal(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** `Running`, `Init:1/2`, `CrashLoopBackOff`, `Completed`, `Terminating`, ... for one pod. */
export function podStatus(pod: Pod): string {
  const progress = initContainerProgress(pod);
  let reason = progress.reason ?? baseReason(pod);
  if (!progress.blocking) reason = containersReason(pod, reason);
  if (pod.metadata?.deletionTimestamp) {
    if (pod.status?.reason === 'NodeLost') return 'Unknown';
    if (!isTerminal(pod.status?.phase)) return 'Terminating';
  }
  return reason;
}
