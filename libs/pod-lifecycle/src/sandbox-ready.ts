/**
 * The agent created the pod sandbox: the pod has its IP and containers can start
 * (condition PodReadyToStartContainers turns True).
 */
import type { RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime } from './runtime-model.js';

/** Records the ready sandbox and its pod IP. */
export function sandboxReady(runtime: PodRuntime, sandbox: { podIP: string }): RuntimeUpdate {
  return { runtime: { ...structuredClone(runtime), sandbox: 'ready', podIP: sandbox.podIP }, events: [] };
}
