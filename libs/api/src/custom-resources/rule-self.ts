/**
 * The value a rule sees as `self` (and `oldSelf`), typed by the schema as kube-apiserver's
 * UnstructuredToVal types it (k8s.io/apiserver/pkg/cel/common/values.go): integers as CEL ints
 * and `number` fields as doubles even when whole; date and date-time strings as timestamps,
 * byte strings as bytes; objects with properties show only their properties, under CEL's
 * escaped names (`namespace` is `__namespace__`, `a-b` is `a__dash__b`), maps all their keys;
 * a resource's root (the object, or an embedded resource) shows apiVersion, kind and only
 * metadata.name and metadata.generateName. An object whose fields are all unknown
 * (x-kubernetes-preserve-unknown-fields) shows them as they are, where kube-apiserver shows none.
 */
import { celValue } from '../admission/validating-policy/cel-value.js';
import { isPlainObject } from '../object.js';
import type { JSONSchemaProps } from './types.js';

const reserved = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let',
  'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

const escapes: Record<string, string> = { __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' };

/** A property's name as CEL reads it (apiserver's cel.Escape); undefined when CEL cannot name it. */
function escapedPropertyName(name: string): string | undefined {
  if (reserved.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_./-][a-zA-Z0-9_./-]*$/.test(name)) return undefined;
  return name.replace(/__|[./-]/g, (s) => escapes[s]);
}

const text: JSONSchemaProps = { type: 'string' };
const objectMeta: JSONSchemaProps = { type: 'object', properties: { name: text, generateName: text } };

/** The schema of a resource's root as rules see it: apiVersion, kind and the name fields of metadata. */
function withTypeAndObjectMeta(schema: JSONSchemaProps): JSONSchemaProps {
  return { ...schema, properties: { ...schema.properties, apiVersion: text, kind: text, metadata: objectMeta } };
}

function objectValue(value: Record<string, unknown>, schema: JSONSchemaProps): unknown {
  if (schema.properties) {
    const properties = schema.properties;
    return Object.fromEntries(Object.entries(value).flatMap(([key, field]) => {
      const name = escapedPropertyName(key);
      return properties[key] && name ? [[name, selfValue(field, properties[key])]] : [];
    }));
  }
  const additional = schema.additionalProperties;
  if (isPlainObject(additional)) return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, selfValue(field, additional)]));
  return celValue(value);
}

function timestamp(value: string, date: boolean): Date | string {
  const time = new Date(date ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time.getTime()) ? value : time;
}

function bytes(value: string): Uint8Array | string {
  try {
    return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  } catch {
    return value;
  }
}

/** A string as its format types it; one its format does not parse stays a string. */
function stringValue(value: string, format: string | undefined): unknown {
  if (format === 'date' || format === 'date-time') return timestamp(value, format === 'date');
  return format === 'byte' ? bytes(value) : value;
}

/** The CEL value of `value` under `schema`; `resourceRoot` for the custom resource itself. */
export function selfValue(value: unknown, schema: JSONSchemaProps, resourceRoot = false): unknown {
  if (value === null || value === undefined) return null;
  if (schema['x-kubernetes-int-or-string']) return celValue(value);
  if (schema.type === 'object' && isPlainObject(value)) {
    const embedded = resourceRoot || schema['x-kubernetes-embedded-resource'];
    return objectValue(value, embedded ? withTypeAndObjectMeta(schema) : schema);
  }
  if (schema.type === 'array' && Array.isArray(value) && schema.items) return value.map((item) => selfValue(item, schema.items!));
  if (schema.type === 'string' && typeof value === 'string') return stringValue(value, schema.format);
  if (schema.type === 'number' && typeof value === 'number') return value;
  return celValue(value);
}
