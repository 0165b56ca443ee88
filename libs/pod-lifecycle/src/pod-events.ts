/**
 * Events as data: what the kubelet would record on the pod, worded as kubelet 1.32 words it.
 * The agent turns each into a v1 Event (source kubelet, involvedObject the pod plus fieldPath).
 */
import type { ContainerRuntime } from './runtime-model.js';

/** One event the kubelet records on the pod. */
export interface PodEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** involvedObject.fieldPath for container events: `spec.containers{nginx}`. */
  fieldPath?: string;
  /** Why, as data kept with the Event (an eviction's ranking). */
  annotations?: Record<string, string>;
}

/** An event about one container, pointing at it the way the kubelet's container references do. */
export function containerEvent(container: ContainerRuntime, type: PodEvent['type'], reason: string, message: string): PodEvent {
  const list = container.kind === 'init' ? 'initContainers' : 'containers';
  return { type, reason, message, fieldPath: `spec.${list}{${container.name}}` };
}
