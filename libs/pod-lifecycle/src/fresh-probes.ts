/**
 * Probe memory belongs to one run: a new container starts from each probe's initial value
 * (the prober resets when it sees a new container ID).
 */
import type { ContainerRuntime, ProbeType } from './runtime-model.js';

const PROBE_TYPES: ProbeType[] = ['liveness', 'readiness', 'startup'];

/** The container's probe tracks with results forgotten and thresholds kept. */
export function freshProbes(probes: ContainerRuntime['probes']): ContainerRuntime['probes'] {
  const fresh: ContainerRuntime['probes'] = {};
  for (const type of PROBE_TYPES) {
    const track = probes[type];
    if (track) fresh[type] = { successThreshold: track.successThreshold, failureThreshold: track.failureThreshold, run: 0 };
  }
  return fresh;
}
