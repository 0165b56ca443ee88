/**
 * Pruning of unknown fields by a structural schema, as apiextensions-apiserver's
 * structuralpruning does while decoding a custom resource: fields the schema does not
 * specify are dropped (and reported, for fieldValidation) unless
 * `x-kubernetes-preserve-unknown-fields` keeps them; apiVersion, kind and metadata of the
 * object (and of embedded resources) are always kept.
 */
import { isPlainObject } from '../object.js';
import { pruneUnknownFields } from '../schema/prune-unknown-fields.js';
import { decodeStrict } from '../schema/decode-strict.js';
import type { JSONSchemaProps } from './types.js';

const objectMeta = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The pruned copy of `value` and the paths of the fields dropped, in document order. */
export function pruneBySchema(value: unknown, schema: JSONSchemaProps): { pruned: unknown; unknownFields: string[] } {
  const unknownFields: string[] = [];
  const pruned = pruneResource(value, schema, '', unknownFields);
  return { pruned, unknownFields };
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** An object root (the custom resource, or an embedded resource): apiVersion, kind and metadata are its own. */
function pruneResource(value: unknown, schema: JSONSchemaProps, path: string, unknown: string[]): unknown {
  if (!isPlainObject(value)) return pruneValue(value, schema, path, unknown);
  const { apiVersion, kind, metadata, ...rest } = value;
  const kept: Record<string, unknown> = {};
  if (apiVersion !== undefined) kept.apiVersion = apiVersion;
  if (kind !== undefined) kept.kind = kind;
  if (metadata !== undefined) kept.metadata = pruneMetadata(metadata, join(path, 'metadata'), unknown);
  const body = pruneValue(rest, { ...schema, properties: withoutRootFields(schema.properties) }, path, unknown) as Record<string, unknown>;
  return { ...kept, ...body };
}

function withoutRootFields(properties: JSONSchemaProps['properties']): JSONSchemaProps['properties'] {
  if (!properties) return properties;
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = properties;
  return rest;
}

function pruneMetadata(metadata: unknown, path: string, unknown: string[]): unknown {
  if (!isPlainObject(metadata)) return metadata;
  unknown.push(...decodeStrict(objectMeta, metadata).unknownFields.map((f) => join(path, f)));
  return pruneUnknownFields(objectMeta, metadata);
}

function pruneValue(value: unknown, schema: JSONSchemaProps, path: string, unknown: string[]): unknown {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return value;
    return value.map((item, i) => pruneChild(item, items, `${path}[${i}]`, unknown));
  }
  if (!isPlainObject(value)) return value;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const additional = isPlainObject(schema.additionalProperties) ? (schema.additionalProperties as JSONSchemaProps) : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const property = schema.properties?.[key] ?? additional;
    if (property) out[key] = pruneChild(child, property, join(path, key), unknown);
    else if (preserve || schema.additionalProperties === true) out[key] = child;
    else unknown.push(join(path, key));
  }
  return out;
}

function pruneChild(value: unknown, schema: JSONSchemaProps, path: string, unknown: string[]): unknown {
  return schema['x-kubernetes-embedded-resource'] ? pruneResource(value, schema, path, unknown) : pruneValue(value, schema, path, unknown);
}
