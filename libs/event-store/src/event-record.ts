import type { LogEventMeta } from '@kubelab/api';

/** One entry of the log as stored. */
export interface EventRecord extends LogEventMeta {
  /** The object as this event left it, as JSON text. */
  data: string;
}

/** Object key in the projection: kind, namespace ('' when cluster-scoped) and name. */
export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** True when the event removes its object from the projection. */
export function isRemoval(type: string): boolean {
  return type.endsWith('Deleted');
}
