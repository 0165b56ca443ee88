/**
 * Typed reads of the parts of a pod spec the kubelet acts on, so the rest of the library does
 * not repeat `pod.spec?.x ?? default`.
 */
import type { KubeObject } from '@kubelab/api';
import type { Container, PodSpec, Probe } from 'kubernetes-types/core/v1';
import type { ProbeType, RestartPolicy } from './runtime-model.js';

/** The pod spec, typed. */
export function specOf(pod: KubeObject): PodSpec {
  return (pod.spec ?? { containers: [] }) as PodSpec;
}

/** spec.initContainers, in order. */
export function initContainersOf(pod: KubeObject): Container[] {
  return specOf(pod).initContainers ?? [];
}

/** spec.containers, in order. */
export function appContainersOf(pod: KubeObject): Container[] {
  return specOf(pod).containers ?? [];
}

/** spec.restartPolicy (the api-server defaults it to Always). */
export function restartPolicyOf(pod: KubeObject): RestartPolicy {
  return (specOf(pod).restartPolicy as RestartPolicy | undefined) ?? 'Always';
}

/** The container's probe of that type. */
export function probeOf(container: Container, type: ProbeType): Probe | undefined {
  if (type === 'liveness') return container.livenessProbe;
  if (type === 'readiness') return container.readinessProbe;
  return container.startupProbe;
}
