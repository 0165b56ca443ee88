/**
 * The api-server marked the pod for graceful deletion (metadata.deletionTimestamp with
 * deletionGracePeriodSeconds). From now on nothing starts or restarts and every running
 * container is killed; a later request can only shorten the grace, never extend it.
 */
import type { RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime } from './runtime-model.js';
import { addSeconds } from './time.js';

/** Records the deletion request. */
export function deletionRequested(runtime: PodRuntime, request: { graceSeconds: number; now: Date }): RuntimeUpdate {
  const current = runtime.deletion;
  const deadline = addSeconds(request.now, request.graceSeconds);
  if (current && addSeconds(current.requestedAt, current.graceSeconds).getTime() <= deadline.getTime()) return { runtime, events: [] };
  const deletion = { requestedAt: request.now.toISOString(), graceSeconds: request.graceSeconds };
  return { runtime: { ...structuredClone(runtime), deletion }, events: [] };
}
