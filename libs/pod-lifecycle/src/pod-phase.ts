/**
 * status.phase from the container statuses, as the kubelet's getPhase decides it: Pending until
 * initialization is done (regular init containers exited 0, sidecars started) and every app
 * container has started, Running while an app container or a sidecar runs or an app container
 * will be restarted, Succeeded / Failed once none will run again, from the app containers alone (a
 * stopped sidecar does not count), and Failed at once when an init container failed under
 * restartPolicy Never.
 */
import type { ContainerStatus, PodSpec } from 'kubernetes-types/core/v1';
import { isSidecar } from './sidecar.js';

/** A pod phase. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** Succeeded and Failed are final. */
export function isTerminalPhase(phase: string | undefined): phase is 'Succeeded' | 'Failed' {
  return phase === 'Succeeded' || phase === 'Failed';
}

function statusOf(statuses: ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

function initCounts(spec: PodSpec, statuses: ContainerStatus[]): { pending: number; failed: number } {
  let pending = 0;
  let failed = 0;
  for (const container of (spec.initContainers ?? []).filter((c) => !isSidecar(c))) {
    const status = statusOf(statuses, container.name);
    const finished = status?.state?.terminated ?? (status?.state?.waiting ? status.lastState?.terminated : undefined);
    if (!finished) pending++;
    else if (finished.exitCode !== 0) failed++;
  }
  return { pending, failed };
}

interface AppCounts {
  unknown: number;
  running: number;
  waiting: number;
  stopped: number;
  succeeded: number;
  /** Sidecars not yet started (running before their startup probe passed, or waiting for a first run). */
  pendingSidecars: number;
}

/** Sidecars count as running while they run; a stopped one is left out of the phase. */
function countSidecars(spec: PodSpec, statuses: ContainerStatus[], counts: AppCounts): void {
  for (const container of (spec.initContainers ?? []).filter(isSidecar)) {
    const status = statusOf(statuses, container.name);
    const state = status?.state;
    if (!status) counts.unknown++;
    else if (state?.running) {
      if (!status.started) counts.pendingSidecars++;
      counts.running++;
    } else if (state?.waiting && !status.lastState?.terminated) counts.pendingSidecars++;
    else if (!state?.terminated && !state?.waiting) counts.pendingSidecars++;
  }
}

function appCounts(spec: PodSpec, initStatuses: ContainerStatus[], statuses: ContainerStatus[]): AppCounts {
  const counts: AppCounts = { unknown: 0, running: 0, waiting: 0, stopped: 0, succeeded: 0, pendingSidecars: 0 };
  countSidecars(spec, initStatuses, counts);
  for (const container of spec.containers ?? []) {
    const state = statusOf(statuses, container.name)?.state;
    if (!state) counts.unknown++;
    else if (state.running) counts.running++;
    else if (state.terminated) {
      counts.stopped++;
      if (state.terminated.exitCode === 0) counts.succeeded++;
    } else if (state.waiting && statusOf(statuses, container.name)?.lastState?.terminated) counts.stopped++;
    else if (state.waiting) counts.waiting++;
    else counts.unknown++;
  }
  return counts;
}

/** kubecontainer.HasAnyRegularContainerStarted: an app container is running or has terminated. */
export function anyAppContainerStarted(appStatuses: ContainerStatus[]): boolean {
  return appStatuses.some((s) => s.state?.running || s.state?.terminated);
}

/** The phase the kubelet computes; podIsTerminal once the pod is being shut down for good. */
export function kubeletPhase(spec: PodSpec, initStatuses: ContainerStatus[], appStatuses: ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const restartPolicy = spec.restartPolicy ?? 'Always';
  const init = initCounts(spec, initStatuses);
  const app = appCounts(spec, initStatuses, appStatuses);
  if (init.failed > 0 && restartPolicy === 'Never') return 'Failed';
  const pendingInitialization = init.pending + app.pendingSidecars;
  if ((pendingInitialization > 0 && !anyAppContainerStarted(appStatuses)) || app.waiting > 0) return 'Pending';
  if (app.running > 0 && app.unknown === 0) return 'Running';
  if (app.running === 0 && app.stopped > 0 && app.unknown === 0) {
    if (podIsTerminal) return app.stopped === app.succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (app.stopped === app.succeeded) return 'Succeeded';
    return restartPolicy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}
