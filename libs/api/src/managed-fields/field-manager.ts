/**
 * The field manager of a write, kube-apiserver's FieldManager for one resource type:
 * it reads managedFields from the live object (or from the request, which may set or
 * reset them), records an Update or performs an Apply, and writes managedFields back.
 */
import { isPlainObject, type KubeObject } from '../object.js';
import { definitionForKind } from '../schema/schema-catalog.js';
import { definitionType, type TypeNode } from './field-types.js';
import { FieldSet } from './field-set.js';
import { KUBECTL_APPLY_MANAGER, fieldsStillAsLastApplied, withLastAppliedInStep } from './last-applied.js';
import { decodeManagedFields, encodeManagedFields, isResetManagedFields, type ManagerEntry } from './managers.js';
import { ApplyConflicts, recordApply, recordUpdate, type Write } from './updater.js';
import { zeroObject } from './zero-object.js';

/** The resource written and how: its group/version/kind, and the subresource if any. */
export interface WriteTarget {
  group: string;
  version: string;
  kind: string;
  /** Whether the kind has a status subresource (then the main resource never owns status). */
  hasStatus: boolean;
  subresource?: string;
}

const apiVersionOf = (t: WriteTarget) => (t.group ? `${t.group}/${t.version}` : t.version);

function rootType(t: WriteTarget): TypeNode {
  const definition = definitionForKind({ group: t.group, version: t.version, kind: t.kind });
  return definition ? definitionType(definition) : { kind: 'deduced' };
}

/** Fields the strategy resets for this endpoint, so no manager may own them there. */
function ignoredFields(t: WriteTarget): FieldSet {
  if (t.subresource === 'status') return FieldSet.of([[{ field: 'spec' }], [{ field: 'metadata' }]]);
  return t.hasStatus && !t.subresource ? FieldSet.of([[{ field: 'status' }]]) : FieldSet.empty;
}

/**
 * The part of an object an Update's comparison needs: a status write owns nothing outside
 * `status` (ignoredFields), so the kubelet's frequent reports compare status alone.
 */
function comparedPart(t: WriteTarget, object: unknown): unknown {
  return t.subresource === 'status' && isPlainObject(object) ? { status: object.status } : object;
}

function withoutManagedFields(object: unknown): unknown {
  if (!isPlainObject(object) || !isPlainObject(object.metadata)) return object;
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return { ...object, metadata };
}

function decodeOrEmpty(entries: unknown): Map<string, ManagerEntry> {
  try {
    return decodeManagedFields(entries);
  } catch {
    return new Map();
  }
}

/** The managers an Update starts from (decodeLiveOrNew): the request's own, unless absent or broken. */
function managersForUpdate(t: WriteTarget, live: KubeObject | undefined, next: KubeObject): Map<string, ManagerEntry> {
  if (t.subresource) return decodeOrEmpty(live?.metadata.managedFields);
  if (isResetManagedFields(next.metadata.managedFields)) return new Map();
  try {
    const fromRequest = decodeManagedFields(next.metadata.managedFields);
    if (fromRequest.size > 0) return fromRequest;
  } catch {
    // kube-apiserver falls back to the live object's managedFields
  }
  return decodeOrEmpty(live?.metadata.managedFields);
}

/**
 * Sets `next.metadata.managedFields` for an Update by `manager` that turns `live` (undefined
 * for a create) into `next`. If the fields cannot be computed the live ones are kept, as
 * UpdateNoErrors does.
 */
export function trackUpdate(t: WriteTarget, live: KubeObject | undefined, next: KubeObject, manager: string, now: string): void {
  const managers = managersForUpdate(t, live, next);
  const key = live === undefined && managers.size === 0 ? createShapeKey(t, next, manager) : undefined;
  const remembered = key === undefined ? undefined : createdFields.get(key);
  if (remembered) {
    setManagedFields(next, remembered.map((entry) => ({ ...entry, time: now })));
    return;
  }
  try {
    const write: Write = { type: rootType(t), ignored: ignoredFields(t), now };
    const before = live ? withoutManagedFields(live) : zeroObject(t.kind);
    const who = { manager, operation: 'Update' as const, apiVersion: apiVersionOf(t), ...(t.subresource ? { subresource: t.subresource } : {}) };
    const entries = encodeManagedFields(recordUpdate(comparedPart(t, before), comparedPart(t, withoutManagedFields(next)), managers, who, write));
    if (key !== undefined && entries?.length === 1) remember(key, entries.map((entry) => Object.freeze({ ...entry })));
    setManagedFields(next, entries);
  } catch {
    setManagedFields(next, live?.metadata.managedFields);
  }
}

/**
 * What a create's managedFields depend on: the object's paths and list keys, never the values
 * of the metadata the server sets or of labels and annotations. Controllers create many
 * objects of one shape (a ReplicaSet's pods, a kubelet's Events), so their field sets are worked out once.
 */
function createShapeKey(t: WriteTarget, next: KubeObject, manager: string): string {
  const { name: _name, uid: _uid, creationTimestamp: _created, namespace: _namespace, resourceVersion: _rv, generation: _generation, managedFields: _managed, ...metadata } = next.metadata;
  const shape = {
    ...metadata,
    generateName: metadata.generateName === undefined ? undefined : '',
    labels: metadata.labels && Object.keys(metadata.labels),
    annotations: metadata.annotations && Object.keys(metadata.annotations),
  };
  return JSON.stringify([apiVersionOf(t), t.kind, t.subresource ?? '', manager, JSON.stringify({ ...next, metadata: shape }, scalarShape)]);
}

/**
 * A create compares the object with its kind's zero value (zero-object.ts), so of a scalar outside a list only whether it
 * is its type's zero matters (an Event's message does not, a CronJob's empty schedule does). A list is kept whole: its
 * items' keys and a set's values are paths.
 */
function scalarShape(_key: string, value: unknown): unknown {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'string') return value === '' ? '' : '\u0001';
  if (typeof value === 'number') return value === 0 ? 0 : 1;
  return value;
}

const createdFieldsKept = 256;
const createdFields = new Map<string, Record<string, unknown>[]>();

function remember(key: string, entries: Record<string, unknown>[]): void {
  if (createdFields.size >= createdFieldsKept) createdFields.delete(createdFields.keys().next().value!);
  createdFields.set(key, entries);
}

/** The outcome of an apply: the object to write (managedFields set) or the conflicts. */
export type ApplyOutcome = { object: KubeObject } | { conflicts: ApplyConflicts };

/**
 * Server-side apply of `config` by `manager` over `live` (undefined: the apply creates).
 * kubectl's own applies also honour and refresh the last-applied annotation.
 */
export function applyConfig(t: WriteTarget, live: KubeObject | undefined, config: KubeObject, manager: string, force: boolean, now: string): ApplyOutcome {
  const type = rootType(t);
  const write: Write = { type, ignored: ignoredFields(t), now };
  const managers = decodeManagedFields(live?.metadata.managedFields);
  const before = live ? withoutManagedFields(live) : {};
  const who = { manager, operation: 'Apply' as const, apiVersion: apiVersionOf(t), ...(t.subresource ? { subresource: t.subresource } : {}) };
  const attempt = (forced: boolean) => recordApply(before, config, managers, who, forced, write);
  let applied;
  try {
    applied = attempt(force);
  } catch (e) {
    if (!(e instanceof ApplyConflicts)) throw e;
    if (manager !== KUBECTL_APPLY_MANAGER) return { conflicts: e };
    const allowed = fieldsStillAsLastApplied(before, apiVersionOf(t), type);
    if (!allowed) return { conflicts: e };
    const remaining = e.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) return { conflicts: new ApplyConflicts(remaining) };
    applied = attempt(true);
  }
  let object = applied.object as KubeObject;
  if (manager === KUBECTL_APPLY_MANAGER) object = withLastAppliedInStep(object, config);
  const result: KubeObject = { ...object, metadata: { ...object.metadata } };
  setManagedFields(result, encodeManagedFields(applied.managers));
  return { object: result };
}

function setManagedFields(object: KubeObject, entries: unknown): void {
  if (entries === undefined) delete object.metadata.managedFields;
  else object.metadata.managedFields = entries as KubeObject['metadata']['managedFields'];
}
