/**
 * The kubelet failed the pod itself (activeDeadlineSeconds passed): the pod reports Failed with
 * the reason and message once its containers have stopped, and event DeadlineExceeded is
 * recorded, as the kubelet's active deadline handler does.
 */
import type { FailPod } from './pod-actions.js';
import type { RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime } from './runtime-model.js';

/** Records the failure decided by a FailPod action; a pod fails only once. */
export function podFailed(runtime: PodRuntime, fail: FailPod, now: Date): RuntimeUpdate {
  if (runtime.failure) return { runtime, events: [] };
  const failure = { reason: fail.reason, message: fail.message, at: now.toISOString() };
  const type = fail.reason === 'Evicted' ? 'Warning' : 'Normal';
  return { runtime: { ...structuredClone(runtime), failure }, events: [{ type, reason: fail.reason, message: fail.message, ...(fail.annotations ? { annotations: fail.annotations } : {}) }] };
}
