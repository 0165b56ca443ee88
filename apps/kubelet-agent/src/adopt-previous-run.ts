/**
 * After the agent process was killed and started again, its pods' containers died
 * with it, as on a rebooted node: a container that was running is recorded as
 * terminated (exit 255), so its next start counts one more restart with the lost
 * run as its last state. Init containers run again.
 */
import { kubeTime } from '@kubelab/api';
import type { Pod } from '@kubelab/api';
import type { PodRuntime, TerminatedState } from '@kubelab/pod-lifecycle';

export function adoptPreviousRun(runtime: PodRuntime, pod: Pod, now: Date): PodRuntime {
  const previous = pod.status?.containerStatuses ?? [];
  if (previous.length === 0) return runtime;
  const containers = { ...runtime.containers };
  for (const status of previous) {
    const c = containers[status.name];
    if (!c || c.kind !== 'app') continue;
    const running = status.state?.running;
    const last = running
      ? { exitCode: 255, reason: 'Error' as const, message: 'the node restarted', startedAt: running.startedAt ?? '', finishedAt: kubeTime(now), containerID: status.containerID ?? '' }
      : // What this kubelet reported before its restart, so one of its own terminated states.
        (status.lastState?.terminated as TerminatedState | undefined);
    containers[status.name] = { ...c, restartCount: status.restartCount ?? 0, ...(last ? { lastTerminated: last } : {}) };
  }
  return { ...runtime, containers };
}
