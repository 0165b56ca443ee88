/**
 * The kubelet's last word on a finished pod (status manager TerminatePod): a container with no
 * final state cannot have succeeded, so it is reported terminated with ContainerStatusUnknown,
 * exit 137. App containers only once the pod had initialized; init containers up to the last
 * one that was ever tried.
 */
import type { ContainerState, ContainerStateTerminated, ContainerStatus } from 'kubernetes-types/core/v1';

/** Go serializes the unset start and finish times of this state as null. */
const LOST: ContainerState = {
  terminated: {
    exitCode: 137,
    reason: 'ContainerStatusUnknown',
    message: 'The container could not be located when the pod was terminated',
    startedAt: null,
    finishedAt: null,
  } as unknown as ContainerStateTerminated,
};

function hasPodInitialized(init: ContainerStatus[], app: ContainerStatus[]): boolean {
  if (init.length === 0) return true;
  if (app.some((s) => s.lastState?.terminated || !s.state?.waiting)) return true;
  const last = init[init.length - 1];
  return last.state?.terminated?.exitCode === 0 || last.lastState?.terminated?.exitCode === 0;
}

/** How many leading init containers were tried at least once (always at least the first). */
function triedInitContainers(init: ContainerStatus[]): number {
  for (let i = init.length - 1; i >= 0; i--) {
    if (!init[i].state?.waiting || init[i].lastState?.terminated) return i + 1;
  }
  return Math.min(1, init.length);
}

function lost(status: ContainerStatus): ContainerStatus {
  return status.state?.terminated ? status : { ...status, state: LOST };
}

/** Both status lists with every container that has no final state marked lost. */
export function markLostContainers(init: ContainerStatus[], app: ContainerStatus[]): { init: ContainerStatus[]; app: ContainerStatus[] } {
  const tried = triedInitContainers(init);
  return {
    init: init.map((s, i) => (i < tried ? lost(s) : s)),
    app: hasPodInitialized(init, app) ? app.map(lost) : app,
  };
}
