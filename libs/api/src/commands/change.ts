/** Builders for the changes a decider returns, with the domain event names. */
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import type { Change } from './types.js';

/** `PodCreated` … */
export function created(t: ResourceType, object: KubeObject): Change {
  return { type: `${t.kind}Created`, watchType: 'ADDED', resource: t, object };
}

/** `DeploymentUpdated`, or a more specific name (`PodBound`, `ReplicaSetScaled`). */
export function modified(t: ResourceType, object: KubeObject, previous: KubeObject, type = `${t.kind}Updated`): Change {
  return { type, watchType: 'MODIFIED', resource: t, object, previous };
}

/** `PodDeleted` … : the object leaves the store. */
export function deleted(t: ResourceType, object: KubeObject): Change {
  return { type: `${t.kind}Deleted`, watchType: 'DELETED', resource: t, object, previous: object };
}
