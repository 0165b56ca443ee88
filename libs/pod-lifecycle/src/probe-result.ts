/**
 * One probe run's result (kubelet prober worker doProbe): results only count once the same
 * result came successThreshold / failureThreshold times in a row. A startup success marks the
 * container started (which lets liveness and readiness run); readiness only flips ready; a
 * liveness or startup failure makes the next computePodActions kill the container (reason
 * Unhealthy). Every failed run records an Unhealthy event.
 */
import { containerEvent, type PodEvent } from './pod-events.js';
import { reportsReadiness } from './restart-rules.js';
import { editContainer, unchanged, type RuntimeUpdate } from './runtime-update.js';
import type { ContainerRuntime, PodRuntime, ProbeTrack, ProbeType } from './runtime-model.js';

/** What the agent observed when it ran the probe. */
export interface ProbeOutcome {
  success: boolean;
  /** The probe's output on failure: `HTTP probe failed with statuscode: 500`. */
  output?: string;
  now: Date;
}

const PROBE_NAMES: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

function applyOutcome(container: ContainerRuntime, type: ProbeType, track: ProbeTrack, success: boolean): void {
  track.outcome = success ? 'success' : 'failure';
  if (type === 'startup' && success) {
    container.started = true;
    container.ready = reportsReadiness(container) && !container.probes.readiness;
  }
  if (type === 'readiness') container.ready = success && container.started;
  if (type !== 'readiness' && !success) track.run = 0;
}

/** Records one probe run; ignored when the container is not running or has no such probe. */
export function probeResult(runtime: PodRuntime, name: string, type: ProbeType, outcome: ProbeOutcome): RuntimeUpdate {
  const current = runtime.containers[name];
  if (current?.state !== 'running' || !current.probes[type]) return unchanged(runtime);
  const edit = editContainer(runtime, name);
  const container = edit.container;
  const track = container.probes[type] as ProbeTrack;
  const result = outcome.success ? 'success' : 'failure';
  track.lastProbeAt = outcome.now.toISOString();
  track.run = track.lastResult === result ? track.run + 1 : 1;
  track.lastResult = result;
  if (track.run >= (outcome.success ? track.successThreshold : track.failureThreshold)) applyOutcome(container, type, track, outcome.success);
  const events: PodEvent[] = outcome.success
    ? []
    : [containerEvent(container, 'Warning', 'Unhealthy', `${PROBE_NAMES[type]} probe failed: ${outcome.output ?? ''}`)];
  return { runtime: edit.runtime, events };
}
