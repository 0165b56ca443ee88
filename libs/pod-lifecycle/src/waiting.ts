/**
 * Puts a container into a waiting state the way the kubelet's status does: a finished run it
 * replaces moves to lastState, so `kubectl describe` keeps showing why it last stopped.
 */
import type { ContainerRuntime, WaitingState } from './runtime-model.js';

/** Switches the container (in place) to waiting with this reason. */
export function moveToWaiting(container: ContainerRuntime, waiting: WaitingState): void {
  if (container.state === 'terminated' && container.terminated) container.lastTerminated = container.terminated;
  container.terminated = undefined;
  container.state = 'waiting';
  container.waiting = waiting;
}
