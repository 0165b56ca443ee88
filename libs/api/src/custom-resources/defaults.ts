/**
 * Defaulting of a custom resource from its structural schema (`default:`), as
 * apiextensions-apiserver's structuraldefaulting does after pruning: a missing field, or a
 * null one that is not nullable, takes a copy of its default; then every value is walked
 * so defaults inside defaults and inside array items and map values apply too.
 */
import { cloneJson, isPlainObject } from '../object.js';
import type { JSONSchemaProps } from './types.js';

/** `value` with the schema's defaults filled in (a new value; the input is not changed). */
export function applySchemaDefaults(value: unknown, schema: JSONSchemaProps): unknown {
  if (Array.isArray(value)) return schema.items ? value.map((item) => applySchemaDefaults(item, schema.items!)) : value;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const missing = !(key in out) || (out[key] === null && !property.nullable);
    if (missing && property.default !== undefined) out[key] = cloneJson(property.default);
  }
  const additional = isPlainObject(schema.additionalProperties) ? (schema.additionalProperties as JSONSchemaProps) : undefined;
  for (const [key, child] of Object.entries(out)) {
    const property = schema.properties?.[key] ?? additional;
    if (property) out[key] = applySchemaDefaults(child, property);
  }
  return out;
}
