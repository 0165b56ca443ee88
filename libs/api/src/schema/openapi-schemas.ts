/**
 * Renders catalog definitions as OpenAPI v3 component schemas shaped like
 * kube-apiserver's: object fields that refer to another definition are
 * wrapped as `allOf: [{$ref}]` so their own description can sit beside the
 * reference, kinds carry `x-kubernetes-group-version-kind`, and Time,
 * IntOrString and Quantity are the same named scalars. `kubectl explain`
 * reads types and descriptions straight from these.
 */
import {
  arrayItemType,
  definitionOf,
  type FieldType,
  mapValueType,
  type SchemaDefinition,
  type SchemaProperty,
  schemaCatalog,
} from './schema-catalog.js';
import { patchMetadata } from './patch-metadata.js';

/** An OpenAPI schema object. */
export type OpenApiSchema = Record<string, unknown>;

/** `components.schemas` for the given definitions and everything they refer to. */
export function componentSchemas(roots: readonly string[]): Record<string, OpenApiSchema> {
  const names = [...reachableDefinitions(roots)].sort();
  return Object.fromEntries(names.map((name) => [name, definitionSchema(name, definitionOf(name))]));
}

function reachableDefinitions(roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const property of Object.values(definitionOf(name).properties ?? {})) {
      const referenced = innermostType(property.type);
      if (referenced.includes('.')) pending.push(referenced);
    }
  }
  return seen;
}

function innermostType(type: FieldType): FieldType {
  const inner = arrayItemType(type) ?? mapValueType(type);
  return inner === undefined ? type : innermostType(inner);
}

function definitionSchema(name: string, definition: SchemaDefinition): OpenApiSchema {
  const description = definition.description ? { description: definition.description } : {};
  switch (definition.scalar) {
    case 'date-time':
    case 'date-time-micro':
      return { ...description, type: 'string', format: 'date-time' };
    case 'int-or-string':
      return { ...description, format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'quantity':
      return { ...description, oneOf: [{ type: 'string' }, { type: 'number' }] };
  }
  const properties = Object.entries(definition.properties ?? {}).map(([field, p]) => [field, { ...propertySchema(p), ...patchMetadata(name, field) }]);
  const kinds = schemaCatalog.kinds[name];
  return {
    ...description,
    type: 'object',
    properties: Object.fromEntries(properties),
    ...(definition.required ? { required: definition.required } : {}),
    ...(kinds ? { 'x-kubernetes-group-version-kind': kinds } : {}),
  };
}

function propertySchema(property: SchemaProperty): OpenApiSchema {
  const type = property.type.includes('.') && !arrayItemType(property.type) && !mapValueType(property.type)
    ? { allOf: [reference(property.type)] }
    : typeSchema(property.type);
  return property.description ? { ...type, description: property.description } : type;
}

/** The schema of a field type where no description needs to sit beside it. */
function typeSchema(type: FieldType): OpenApiSchema {
  const item = arrayItemType(type);
  if (item !== undefined) return { type: 'array', items: typeSchema(item) };
  const value = mapValueType(type);
  if (value !== undefined) return { type: 'object', additionalProperties: typeSchema(value) };
  switch (type) {
    case 'string':
      return { type: 'string' };
    case 'byte':
      return { type: 'string', format: 'byte' };
    case 'int32':
    case 'int64':
      return { type: 'integer', format: type };
    case 'double':
      return { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'any':
      return { type: 'object' };
    default:
      return reference(type);
  }
}

function reference(definition: string): OpenApiSchema {
  return { $ref: `#/components/schemas/${definition}` };
}
