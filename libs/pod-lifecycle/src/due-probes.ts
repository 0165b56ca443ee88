/**
 * When each probe runs (kubelet prober workers), so the agent only executes them: a probe of a
 * running container is due initialDelaySeconds after the container started and then every
 * periodSeconds after its last run. The startup probe runs until it passes and holds the other
 * two back; liveness and startup stop once they failed (the container is being restarted), when
 * the container is being killed, and when the pod is being deleted or failed; readiness keeps
 * running until the container stops.
 */
import type { Probe } from 'kubernetes-types/core/v1';
import { podFinished } from './pod-finished.js';
import { appContainersOf, initContainersOf, probeOf } from './pod-spec.js';
import type { ContainerRuntime, PodRuntime, ProbeTrack, ProbeType } from './runtime-model.js';
import { addSeconds } from './time.js';
import type { KubeletPod } from './kubelet-pod.js';

/** A probe the agent runs once it is due: the container, which probe, its spec (handler, timeout) and when; report each result with probeResult. */
export interface ScheduledProbe {
  container: string;
  probe: ProbeType;
  spec: Probe;
  dueAt: Date;
}

const PROBE_TYPES: ProbeType[] = ['startup', 'liveness', 'readiness'];

function isActive(runtime: PodRuntime, container: ContainerRuntime, type: ProbeType, track: ProbeTrack): boolean {
  if (type === 'readiness') return container.started;
  if (runtime.deletion || runtime.failure || container.stopping || track.outcome === 'failure') return false;
  return type === 'startup' ? !container.started : container.started;
}

/** Every active probe of the pod's running containers with its next due time. */
export function probeSchedule(pod: KubeletPod, runtime: PodRuntime): ScheduledProbe[] {
  if (podFinished(pod, runtime)) return [];
  const scheduled: ScheduledProbe[] = [];
  for (const spec of [...initContainersOf(pod), ...appContainersOf(pod)]) {
    const container = runtime.containers[spec.name];
    if (container?.state !== 'running' || !container.startedAt) continue;
    for (const type of PROBE_TYPES) {
      const probe = probeOf(spec, type);
      const track = container.probes[type];
      if (!probe || !track || !isActive(runtime, container, type, track)) continue;
      const dueAt = track.lastProbeAt
        ? addSeconds(track.lastProbeAt, probe.periodSeconds ?? 10)
        : addSeconds(container.startedAt, probe.initialDelaySeconds ?? 0);
      scheduled.push({ container: container.name, probe: type, spec: probe, dueAt });
    }
  }
  return scheduled;
}
