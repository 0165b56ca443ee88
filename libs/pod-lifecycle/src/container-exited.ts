/**
 * A container's process ended. The run becomes a terminated state (reason Completed for exit 0,
 * Error otherwise, unless the agent says OOMKilled or ContainerStatusUnknown). If the container
 * will run again while its restart back-off is still active, the kubelet's next sync (right
 * away) refuses the restart until the delay has passed since the exit, and a BackOff event is
 * recorded; the run stays terminated in the status that sync publishes, and shows as waiting in
 * CrashLoopBackOff from the sync after (crash-loop.ts).
 */
import { isInBackOffSince } from './flat-backoff.js';
import { freshProbes } from './fresh-probes.js';
import { containerEvent, type PodEvent } from './pod-events.js';
import { reportsReadiness, restartsAfterExit } from './restart-rules.js';
import { editContainer, unchanged, type RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime, TerminatedReason, TerminatedState } from './runtime-model.js';
import { addSeconds } from './time.js';

/** How the run ended, as the runtime reports it. */
export interface ContainerExit {
  exitCode: number;
  reason?: TerminatedReason;
  /** The termination message (/dev/termination-log). */
  message?: string;
  signal?: number;
  now: Date;
}

/** kubelet format.Pod: `name_namespace(uid)`. */
function podDescription(runtime: PodRuntime): string {
  return `${runtime.pod.name}_${runtime.pod.namespace}(${runtime.pod.uid})`;
}

/** Records the end of the current run; ignored when the container is not running. */
export function containerExited(runtime: PodRuntime, name: string, exit: ContainerExit): RuntimeUpdate {
  if (runtime.containers[name]?.state !== 'running') return unchanged(runtime);
  const edit = editContainer(runtime, name);
  const container = edit.container;
  const terminated: TerminatedState = {
    exitCode: exit.exitCode,
    ...(exit.signal === undefined ? {} : { signal: exit.signal }),
    reason: exit.reason ?? (exit.exitCode === 0 ? 'Completed' : 'Error'),
    ...(exit.message === undefined ? {} : { message: exit.message }),
    startedAt: container.startedAt ?? exit.now.toISOString(),
    finishedAt: exit.now.toISOString(),
    containerID: container.containerID,
  };
  container.started = false;
  container.ready = !reportsReadiness(container) && exit.exitCode === 0;
  container.probes = freshProbes(container.probes);
  container.startedAt = undefined;
  container.stopping = undefined;
  const events: PodEvent[] = [];
  const backsOff = !container.definitionChanged && restartsAfterExit(edit.runtime, container, exit.exitCode);
  if (backsOff && container.backoff && isInBackOffSince(container.backoff, exit.now, exit.now)) {
    container.backoff.until = addSeconds(exit.now, container.backoff.delaySeconds).toISOString();
    events.push(containerEvent(container, 'Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${podDescription(edit.runtime)}`));
  }
  container.state = 'terminated';
  container.terminated = terminated;
  return { runtime: edit.runtime, events };
}
