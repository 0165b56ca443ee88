/** One entry of the log as the rest of kubelab sees it. */
export interface EventRecord {
  seq: number;
  time: string;
  type: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  actor: string;
  cause: number | null;
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
