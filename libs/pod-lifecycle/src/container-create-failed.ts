/**
 * The container could not be created from its spec (a missing ConfigMap or Secret key, a bad
 * runAsNonRoot): CreateContainerConfigError, retried at the next pod sync, which resolves the
 * image again as the kubelet does.
 */
import { containerEvent } from './pod-events.js';
import { editContainer, unchanged, type RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime } from './runtime-model.js';
import { retryAfterFailedSync } from './sync-retry.js';
import { moveToWaiting } from './waiting.js';

/** Records the failed creation, e.g. message `configmap "app-config" not found`; ignored for a running container. */
export function containerCreateFailed(runtime: PodRuntime, name: string, failure: { message: string; now: Date }): RuntimeUpdate {
  if (runtime.containers[name]?.state === 'running') return unchanged(runtime);
  const edit = editContainer(runtime, name);
  moveToWaiting(edit.container, { reason: 'CreateContainerConfigError', message: failure.message });
  edit.container.pull = { phase: 'none' };
  edit.container.retryAt = retryAfterFailedSync(failure.now);
  return { runtime: edit.runtime, events: [containerEvent(edit.container, 'Warning', 'Failed', `Error: ${failure.message}`)] };
}
