/**
 * The READY and RESTARTS columns of `kubectl get pods`: ready app containers and sidecars
 * over their total, and the restart count with "(15s ago)" for the latest restart.
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { humanDuration, parseTimestamp } from './human-duration.js';
import { initContainerProgress, isSidecar } from './pod-init-containers.js';

/** An app container counts as ready when it runs, reports ready and is neither waiting with a reason nor terminated. */
function isReadyAndRunning(status: ContainerStatus): boolean {
  const { waiting, terminated, running } = status.state ?? {};
  return !waiting?.reason && !terminated && status.ready === true && running !== undefined;
}

/** `1/2`: ready over total, where total counts app containers and sidecars. */
export function podReadiness(pod: Pod): string {
  const progress = initContainerProgress(pod);
  const sidecars = (pod.spec?.initContainers ?? []).filter(isSidecar).length;
  const total = (pod.spec?.containers ?? []).length + sidecars;
  const readyApps = progress.blocking ? 0 : (pod.status?.containerStatuses ?? []).filter(isReadyAndRunning).length;
  return `${progress.readySidecars + readyApps}/${total}`;
}

/** The statuses whose restarts the column adds up: init containers while they hold the pod, else sidecars and app containers. */
function countedStatuses(pod: Pod): ContainerStatus[] {
  const progress = initContainerProgress(pod);
  if (progress.blocking) return progress.visited;
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const sidecars = progress.visited.filter((s) => isSidecar(specs.get(s.name)));
  return [...sidecars, ...(pod.status?.containerStatuses ?? [])];
}

/** `0`, `3`, or `2 (15s ago)` when a counted container has a last termination time. */
export function podRestarts(pod: Pod, now: Date): string {
  const statuses = countedStatuses(pod);
  const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
  const finishTimes = statuses
    .map((s) => parseTimestamp(s.lastState?.terminated?.finishedAt))
    .filter((t): t is number => t !== undefined);
  if (restarts === 0 || finishTimes.length === 0) return String(restarts);
  return `${restarts} (${humanDuration(now.getTime() - Math.max(...finishTimes))} ago)`;
}
