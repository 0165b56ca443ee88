/**
 * The runtime of a pod the node has just admitted: no sandbox, every container waiting
 * (PodInitializing when the pod has init containers, else ContainerCreating, as the kubelet's
 * default waiting state), probe thresholds taken from the spec, startTime kept from the status
 * when the api already has one.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { appContainersOf, initContainersOf, probeOf, restartPolicyOf } from './pod-spec.js';
import { isSidecar } from './sidecar.js';
import type { ContainerKind, ContainerRuntime, PodRuntime, ProbeTrack, ProbeType } from './runtime-model.js';
import type { KubeletPod } from './kubelet-pod.js';

const PROBE_TYPES: ProbeType[] = ['liveness', 'readiness', 'startup'];

function probeTracks(container: Container): ContainerRuntime['probes'] {
  const tracks: ContainerRuntime['probes'] = {};
  for (const type of PROBE_TYPES) {
    const probe = probeOf(container, type);
    if (!probe) continue;
    const track: ProbeTrack = { successThreshold: probe.successThreshold ?? 1, failureThreshold: probe.failureThreshold ?? 3, run: 0 };
    tracks[type] = track;
  }
  return tracks;
}

function newContainer(container: Container, kind: ContainerKind, hasInitContainers: boolean): ContainerRuntime {
  return {
    name: container.name,
    kind,
    ...(kind === 'init' && isSidecar(container) ? { sidecar: true } : {}),
    image: container.image ?? '',
    state: 'waiting',
    waiting: { reason: hasInitContainers ? 'PodInitializing' : 'ContainerCreating' },
    restartCount: 0,
    started: false,
    ready: false,
    imageID: '',
    containerID: '',
    pull: { phase: 'none' },
    probes: probeTracks(container),
  };
}

/** Starts tracking a pod bound to this node, whose host IP is hostIP. */
export function newPodRuntime(pod: KubeletPod, options: { hostIP: string; now: Date }): PodRuntime {
  const inits = initContainersOf(pod);
  const containers: Record<string, ContainerRuntime> = {};
  for (const c of inits) containers[c.name] = newContainer(c, 'init', true);
  for (const c of appContainersOf(pod)) containers[c.name] = newContainer(c, 'app', inits.length > 0);
  return {
    pod: { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
    restartPolicy: restartPolicyOf(pod),
    sandbox: 'none',
    hostIP: options.hostIP,
    startTime: pod.status?.startTime ?? options.now.toISOString(),
    containers,
  };
}
