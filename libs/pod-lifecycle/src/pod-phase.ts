/**
 * status.phase from the container statuses, as the kubelet's getPhase decides it (sidecar init
 * containers left out): Pending until initialization is done and every app container has
 * started, Running while one runs or will be restarted, Succeeded / Failed once none will run
 * again, and Failed at once when an init container failed under restartPolicy Never.
 */
import type { ContainerStatus, PodSpec } from 'kubernetes-types/core/v1';

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
  for (const container of spec.initContainers ?? []) {
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
}

function appCounts(spec: PodSpec, statuses: ContainerStatus[]): AppCounts {
  const counts: AppCounts = { unknown: 0, running: 0, waiting: 0, stopped: 0, succeeded: 0 };
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
  const app = appCounts(spec, appStatuses);
  if (init.failed > 0 && restartPolicy === 'Never') return 'Failed';
  if ((init.pending > 0 && !anyAppContainerStarted(appStatuses)) || app.waiting > 0) return 'Pending';
  if (app.running > 0 && app.unknown === 0) return 'Running';
  if (app.running === 0 && app.stopped > 0 && app.unknown === 0) {
    if (podIsTerminal) return app.stopped === app.succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (app.stopped === app.succeeded) return 'Succeeded';
    return restartPolicy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}
