/**
 * The agent created and started a container (events Created, Started). A restart counts one
 * more restart, keeps the previous run as lastState and moves the restart back-off on (kubelet
 * doBackOff's Next: the delay doubles, or starts again at 10 s when the last restart was more
 * than 10 minutes before the exit).
 */
import { nextBackoff } from './flat-backoff.js';
import { freshProbes } from './fresh-probes.js';
import { containerEvent } from './pod-events.js';
import { latestExit, reportsReadiness } from './restart-rules.js';
import { editContainer, type RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime } from './runtime-model.js';

/** Records a running container with the ID the runtime gave it. */
export function containerStarted(runtime: PodRuntime, name: string, run: { containerID: string; now: Date }): RuntimeUpdate {
  const edit = editContainer(runtime, name);
  const container = edit.container;
  const previous = latestExit(container);
  if (previous) {
    container.restartCount += 1;
    container.lastTerminated = previous;
    container.backoff = nextBackoff(container.backoff, new Date(previous.finishedAt), run.now);
  }
  if (container.pull.phase === 'pulled') {
    container.imageID = container.pull.imageID;
    container.runImage = container.pull.image ?? container.image;
  }
  container.state = 'running';
  container.startedAt = run.now.toISOString();
  container.containerID = run.containerID;
  container.pull = { phase: 'none' };
  container.probes = freshProbes(container.probes);
  container.started = !container.probes.startup;
  container.ready = reportsReadiness(container) && container.started && !container.probes.readiness;
  container.waiting = undefined;
  container.terminated = undefined;
  container.retryAt = undefined;
  container.stopping = undefined;
  container.definitionChanged = undefined;
  const events = [
    containerEvent(container, 'Normal', 'Created', `Created container: ${name}`),
    containerEvent(container, 'Normal', 'Started', `Started container ${name}`),
  ];
  return { runtime: edit.runtime, events };
}
