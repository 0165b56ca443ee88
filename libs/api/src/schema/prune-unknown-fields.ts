/**
 * Drops the fields a schema does not know, as decoding into Go structs does
 * when fieldValidation is Ignore or Warn: the object is accepted and stored
 * without them.
 */
import { cloneJson, isPlainObject } from '../object.js';
import { arrayItemType, definitionOf, type FieldType, mapValueType } from './schema-catalog.js';

/** A copy of `obj` (decoded as the definition `schemaName`) without its unknown fields. */
export function pruneUnknownFields<T>(schemaName: string, obj: T): T {
  return prune(schemaName, obj, true) as T;
}

function prune(type: FieldType, value: unknown, atRoot: boolean): unknown {
  const item = arrayItemType(type);
  if (item !== undefined) return Array.isArray(value) ? value.map((v) => prune(item, v, false)) : cloneJson(value);
  const mapValue = mapValueType(type);
  if (mapValue !== undefined) return mapEntries(value, (v) => prune(mapValue, v, false));
  const properties = type.includes('.') ? definitionOf(type).properties : undefined;
  if (!properties || !isPlainObject(value)) return cloneJson(value);
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (Object.hasOwn(properties, key)) kept[key] = prune(properties[key].type, field, false);
    else if (atRoot && (key === 'apiVersion' || key === 'kind')) kept[key] = field;
  }
  return kept;
}

function mapEntries(value: unknown, transform: (v: unknown) => unknown): unknown {
  if (!isPlainObject(value)) return cloneJson(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transform(v)]));
}
