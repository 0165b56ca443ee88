/**
 * The agent began a KillContainer (event Killing). Remembering it keeps computePodActions from
 * asking again while the container uses its grace period.
 */
import type { KillContainer } from './pod-actions.js';
import { containerEvent } from './pod-events.js';
import { editContainer, unchanged, type RuntimeUpdate } from './runtime-update.js';
import type { PodRuntime } from './runtime-model.js';

/** Records that the kill has started; ignored when the container is not running. */
export function containerKilling(runtime: PodRuntime, kill: KillContainer, now: Date): RuntimeUpdate {
  if (runtime.containers[kill.container]?.state !== 'running') return unchanged(runtime);
  const edit = editContainer(runtime, kill.container);
  edit.container.stopping = { reason: kill.reason, requestedAt: now.toISOString(), graceSeconds: kill.graceSeconds };
  if (kill.reason === 'DefinitionChanged' && kill.image !== undefined) {
    edit.container.image = kill.image;
    edit.container.definitionChanged = true;
  }
  return { runtime: edit.runtime, events: [containerEvent(edit.container, 'Normal', 'Killing', kill.message)] };
}
