/**
 * The result every update function returns: the next PodRuntime (the input is never mutated)
 * and the events the kubelet records for that change.
 */
import type { PodEvent } from './pod-events.js';
import type { ContainerRuntime, PodRuntime } from './runtime-model.js';

/** The next runtime and the events of the change. */
export interface RuntimeUpdate {
  runtime: PodRuntime;
  events: PodEvent[];
}

/**
 * A copy of the runtime and of the named container inside it, ready to be changed. A member that no longer applies is
 * set to undefined, not deleted: V8 turns an object that loses a member into a dictionary, 830 bytes more for every
 * container an agent runs.
 */
export function editContainer(runtime: PodRuntime, name: string): { runtime: PodRuntime; container: ContainerRuntime } {
  if (!runtime.containers[name]) {
    throw new Error(`pod-lifecycle: pod ${runtime.pod.namespace}/${runtime.pod.name} has no container "${name}"`);
  }
  const copy = structuredClone(runtime);
  return { runtime: copy, container: copy.containers[name] };
}

/** The unchanged runtime, for updates that arrive too late to matter (a probe of a stopped container). */
export function unchanged(runtime: PodRuntime): RuntimeUpdate {
  return { runtime, events: [] };
}
