/**
 * The runtime created the container but could not start its process (runc: the command's
 * program is not in the image). As the kubelet shows it: events Created and Warning Failed
 * `Error: <cause>`, a terminated state with reason StartError, exit code 128, the cause as
 * its message and startedAt at the Unix epoch (the process never ran); then the usual
 * restart back-off, so a Deployment's pod goes CrashLoopBackOff.
 */
import { containerExited } from './container-exited.js';
import { containerStarted } from './container-started.js';
import { containerEvent } from './pod-events.js';
import { editContainer, type RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime } from './runtime-model.js';

/** What containerd reports for a run that never started. */
export const START_ERROR_EXIT_CODE = 128;
const NEVER_STARTED = '1970-01-01T00:00:00Z';

/** Records a container whose process could not start. */
export function containerStartFailed(runtime: PodRuntime, name: string, failure: { containerID: string; message: string; now: Date }): RuntimeUpdate {
  const started = containerStarted(runtime, name, failure);
  const exited = containerExited(started.runtime, name, { exitCode: START_ERROR_EXIT_CODE, reason: 'StartError', message: failure.message, now: failure.now });
  const edit = editContainer(exited.runtime, name);
  const { container } = edit;
  const run = container.state === 'terminated' ? container.terminated : container.lastTerminated;
  if (run) run.startedAt = NEVER_STARTED;
  const [created] = started.events;
  return { runtime: edit.runtime, events: [created, containerEvent(container, 'Warning', 'Failed', `Error: ${failure.message}`), ...exited.events] };
}
