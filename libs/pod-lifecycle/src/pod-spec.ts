/**
 * Typed reads of the parts of a pod spec the kubelet acts on, so the rest of the library does
 * not repeat `pod.spec?.x ?? default`.
 */
import type { Container, PodSpec, Probe } from 'kubernetes-types/core/v1';
import type { ProbeType, RestartPolicy } from './runtime-model.js';
import type { KubeletPod } from './kubelet-pod.js';

/** The pod spec, typed. */
export function specOf(pod: KubeletPod): PodSpec {
  return (pod.spec ?? { containers: [] }) as PodSpec;
}

/** spec.initContainers, in order. */
export function initContainersOf(pod: KubeletPod): Container[] {
  return specOf(pod).initContainers ?? [];
}

/** spec.containers, in order. */
export function appContainersOf(pod: KubeletPod): Container[] {
  return specOf(pod).containers ?? [];
}

/** spec.restartPolicy (the api-server defaults it to Always). */
export function restartPolicyOf(pod: KubeletPod): RestartPolicy {
  return (specOf(pod).restartPolicy as RestartPolicy | undefined) ?? 'Always';
}

/** The container's probe of that type. */
export function probeOf(container: Container, type: ProbeType): Probe | undefined {
  if (type === 'liveness') return container.livenessProbe;
  if (type === 'readiness') return container.readinessProbe;
  return container.startupProbe;
}
