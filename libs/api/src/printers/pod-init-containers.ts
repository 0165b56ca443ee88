/**
 * How far a pod's init containers have got, walked the way kubectl's printPod walks them:
 * status by status, stopping at the first one that still holds the pod back.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';

/** What the walk found. */
export interface InitContainerProgress {
  /** `Init:0/2`, `Init:CrashLoopBackOff`, `Init:ExitCode:1`, ... when a container holds the pod back. */
  reason?: string;
  /** True when that hold still counts: the pod's Initialized condition is not True. */
  blocking: boolean;
  /** The statuses the walk looked at, the holding one included. */
  visited: ContainerStatus[];
  /** Started sidecars among them that report ready. */
  readySidecars: number;
}

/** A restartable init container (restartPolicy Always): a sidecar, counted with the app containers. */
export function isSidecar(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function initializedConditionTrue(pod: Pod): boolean {
  const condition = pod.status?.conditions?.find((c) => c.type === 'Initialized');
  return condition?.status === 'True';
}

function holdReason(status: ContainerStatus, index: number, total: number): string {
  const { terminated, waiting } = status.state ?? {};
  if (terminated) {
    if (terminated.reason) return `Init:${terminated.reason}`;
    return terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
  }
  if (waiting?.reason && waiting.reason !== 'PodInitializing') return `Init:${waiting.reason}`;
  return `Init:${index}/${total}`;
}

/** Walks status.initContainerStatuses in order. */
export function initContainerProgress(pod: Pod): InitContainerProgress {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const statuses = pod.status?.initContainerStatuses ?? [];
  const visited: ContainerStatus[] = [];
  let readySidecars = 0;
  for (const [index, status] of statuses.entries()) {
    visited.push(status);
    const terminated = status.state?.terminated;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar(specs.get(status.name)) && status.started === true) {
      if (status.ready) readySidecars++;
      continue;
    }
    const reason = holdReason(status, index, pod.spec?.initContainers?.length ?? 0);
    return { reason, blocking: !initializedConditionTrue(pod), visited, readySidecars };
  }
  return { blocking: false, visited, readySidecars };
}
