/** Metadata the server owns: timestamps, generation, managedFields, generated names. */
import { trackUpdate } from '../managed-fields/index.js';
import type { KubeObject, ObjectMeta } from '../object.js';
import { goJsonForm } from '../schema/go-json-form.js';
import type { ResourceType } from '../registry.js';
import type { CommandContext } from './types.js';

/** RFC 3339 at second precision, as Kubernetes writes metav1.Time. */
export function kubeTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** managedFields an Apply already computed, to be written as they are. */
export interface AppliedOwnership {
  managedFields: ObjectMeta['managedFields'];
}

/**
 * Records field ownership of a write: the managedFields an Apply computed, or an
 * Update by `manager` that turned `current` (undefined for a create) into `obj`.
 */
export function recordManager(
  t: ResourceType,
  obj: KubeObject,
  current: KubeObject | undefined,
  manager: string,
  now: Date,
  subresource?: string,
  applied?: AppliedOwnership,
): void {
  if (applied) {
    if (applied.managedFields === undefined) delete obj.metadata.managedFields;
    else obj.metadata.managedFields = applied.managedFields;
    return;
  }
  const target = { group: t.group, version: t.version, kind: t.kind, hasStatus: t.subresources.some((s) => s.name === 'status'), subresource };
  trackUpdate(target, current, obj, manager, kubeTime(now));
}

/** Fills server-owned metadata of a new object; `generation` says whether its kind counts spec changes (the strategy's). */
export function initialiseMetadata(obj: KubeObject, ctx: CommandContext, namespace: string | undefined, generation: boolean): void {
  const m = obj.metadata;
  if (!m.name && m.generateName) m.name = `${m.generateName}${ctx.randomSuffix()}`;
  if (namespace) m.namespace = namespace;
  else delete m.namespace;
  m.uid = ctx.newUid();
  m.creationTimestamp = kubeTime(ctx.now);
  if (generation) m.generation = 1;
  else delete m.generation;
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
}

/** The fields a user may not change through the main resource once the object exists. */
export function keepServerMetadata(next: KubeObject, current: KubeObject): void {
  const m = next.metadata;
  const c = current.metadata;
  m.uid = c.uid;
  m.creationTimestamp = c.creationTimestamp;
  if (c.generation === undefined) delete m.generation;
  else m.generation = c.generation;
  if (c.namespace !== undefined) m.namespace = m.namespace ?? c.namespace;
  if (c.deletionTimestamp) {
    m.deletionTimestamp = c.deletionTimestamp;
    m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds;
  } else {
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
  }
  if (m.managedFields === undefined && c.managedFields) m.managedFields = c.managedFields;
}

/** Same JSON, ignoring the resourceVersion (a no-op write; managedFields only change with the object or its ownership). */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  // Compared as stored: a client that leaves out what Go always writes (status.replicas: 0) changes nothing.
  const strip = (o: KubeObject) => goJsonForm({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/**
 * sameObject for a status write, whose object shares everything but its status and metadata with the stored one. The
 * statuses are compared first, in their stored form alone: most reports change the status, and their metadata (its
 * managedFields a few kilobytes of JSON) then need not be written out to know.
 */
export function sameStatus(a: KubeObject, b: KubeObject): boolean {
  const statusJson = (o: KubeObject) => JSON.stringify(goJsonForm({ apiVersion: o.apiVersion, kind: o.kind, metadata: {}, status: o.status }).status);
  if (statusJson(a) !== statusJson(b)) return false;
  const written = (o: KubeObject): KubeObject => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata, status: o.status });
  return sameObject(written(a), written(b));
}
