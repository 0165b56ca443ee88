/**
 * How the parts of an updated custom resource correspond to the old object's, as kube-apiserver
 * pairs them for CEL rules:
 * - a transition rule's `oldSelf`: a field's old value is the old object's same field; a list
 *   item's is the old item with the same keys in an `x-kubernetes-list-type: map` list, and none
 *   in any other list (schema/cel/validation.go, common/maplist.go);
 * - ratcheting (CRDValidationRatcheting, on by default since 1.30; common/equality.go): a rule
 *   that does not read oldSelf and fails on a part the update left equal to its old value, or
 *   whose nearest correlated ancestor it left equal, only warns. Here, list items correlate by
 *   keys in map lists, by index in lists without a list type, and not at all in sets and atomic
 *   lists.
 */
import { isPlainObject } from '../object.js';
import { jsonEqual } from '../patch/json-equal.js';
import type { JSONSchemaProps } from './types.js';

/** The key of a map-list item: its key fields' scalar values; undefined when one is missing or not scalar. */
function itemKey(item: unknown, keys: readonly string[]): string | undefined {
  if (!isPlainObject(item)) return undefined;
  const values = keys.map((k) => item[k]);
  return values.every((v) => ['string', 'number', 'boolean'].includes(typeof v)) ? JSON.stringify(values) : undefined;
}

/** The first item of `oldList` with `item`'s keys, when `schema` is an `x-kubernetes-list-type: map` list. */
export function oldItemByKeys(schema: JSONSchemaProps, oldList: unknown, item: unknown): unknown {
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  if (schema['x-kubernetes-list-type'] !== 'map' || keys.length === 0 || !Array.isArray(oldList)) return undefined;
  const key = itemKey(item, keys);
  return key === undefined ? undefined : oldList.find((old) => itemKey(old, keys) === key);
}

/** One part of the new object with its correlated old value and its schema. */
interface Correlated {
  value: unknown;
  old: unknown;
  schema: JSONSchemaProps;
  unchanged?: boolean;
}

/** The part a rule runs on, and its nearest correlated ancestor when the part has no old value. */
export interface Ratchet {
  current?: Correlated;
  nearest?: Correlated;
}

/** The ratchet of a whole object: its update's old object, or nothing on create. */
export function rootRatchet(value: unknown, old: unknown, schema: JSONSchemaProps): Ratchet {
  return old === undefined ? {} : { current: { value, old, schema } };
}

const additionalSchema = (schema: JSONSchemaProps) => (isPlainObject(schema.additionalProperties) ? (schema.additionalProperties as JSONSchemaProps) : undefined);

function fieldOf(c: Correlated, key: string): Correlated | undefined {
  if (!isPlainObject(c.value) || !isPlainObject(c.old) || !(key in c.value) || !(key in c.old)) return undefined;
  const schema = c.schema.properties?.[key] ?? additionalSchema(c.schema);
  return schema && { value: c.value[key], old: c.old[key], schema };
}

function oldItemAt(c: Correlated, index: number): unknown {
  const listType = c.schema['x-kubernetes-list-type'];
  if (!Array.isArray(c.old) || !Array.isArray(c.value) || index >= c.value.length) return undefined;
  if (listType === 'map') return oldItemByKeys(c.schema, c.old, c.value[index]);
  return listType === 'set' || listType === 'atomic' ? undefined : c.old[index];
}

function itemOf(c: Correlated, index: number): Correlated | undefined {
  const old = oldItemAt(c, index);
  if (old === undefined || old === null || !c.schema.items) return undefined;
  return { value: (c.value as unknown[])[index], old, schema: c.schema.items };
}

/** The ratchet of field `key` of the part (apiVersion and kind of the object never ratchet). */
export function ratchetField(r: Ratchet, key: string): Ratchet {
  if (!r.current) return r;
  if (!r.nearest && (key === 'apiVersion' || key === 'kind')) return {};
  return { current: fieldOf(r.current, key), nearest: r.current };
}

/** The ratchet of item `index` of the part. */
export function ratchetItem(r: Ratchet, index: number): Ratchet {
  return r.current ? { current: itemOf(r.current, index), nearest: r.current } : r;
}

/** The ratchet of an allOf entry's rules: only the part's ancestor counts. */
export function ratchetAllOf(r: Ratchet): Ratchet {
  return { nearest: r.nearest };
}

function sameItems(value: unknown[], old: unknown[], schema: JSONSchemaProps): boolean {
  const items = schema.items;
  const listType = schema['x-kubernetes-list-type'];
  if (!items || listType === 'set' || listType === 'atomic') return jsonEqual(value, old);
  if (listType === 'map') return value.every((item) => unchanged(item, oldItemByKeys(schema, old, item), items));
  return value.every((item, i) => unchanged(item, old[i], items));
}

function sameFields(value: Record<string, unknown>, old: Record<string, unknown>, schema: JSONSchemaProps): boolean {
  const keys = Object.keys(value);
  if (keys.length !== Object.keys(old).length) return false;
  return keys.every((key) => {
    const field = schema.properties?.[key] ?? additionalSchema(schema);
    return key in old && field !== undefined && unchanged(value[key], old[key], field);
  });
}

/** CorrelatedObject.CachedDeepEqual: equal, comparing map-list items by their keys. */
function unchanged(value: unknown, old: unknown, schema: JSONSchemaProps): boolean {
  if ((value ?? null) === null || (old ?? null) === null) return (value ?? null) === (old ?? null);
  if (Array.isArray(value) && Array.isArray(old)) return value.length === old.length && sameItems(value, old, schema);
  if (isPlainObject(value) && isPlainObject(old)) return sameFields(value, old, schema);
  return !Array.isArray(value) && !Array.isArray(old) && !isPlainObject(value) && !isPlainObject(old) && value === old;
}

/** Whether a failure of a rule without oldSelf on the part only warns. */
export function ratchets(r: Ratchet): boolean {
  const part = r.current ?? r.nearest;
  if (!part) return false;
  part.unchanged ??= unchanged(part.value, part.old, part.schema);
  return part.unchanged;
}
