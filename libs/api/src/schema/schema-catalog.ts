/**
 * The shape of k8s-schema.generated.json, written by tools/schema-gen: the
 * Kubernetes API definitions the api-server needs for strict decoding and for
 * the OpenAPI documents kubectl reads, in a compact form.
 */
import catalogJson from './k8s-schema.generated.json' with { type: 'json' };
import type { FieldType, GroupVersionKind, SchemaCatalog, SchemaDefinition } from './catalog-types.js';
import { metricsDefinitions, metricsKinds } from './metrics-schema.js';

export type { FieldType, GroupVersionKind, ScalarKind, SchemaCatalog, SchemaDefinition, SchemaProperty } from './catalog-types.js';

const generated = catalogJson as SchemaCatalog;

/** The generated catalog, with the resource metrics API's definitions. */
export const schemaCatalog: SchemaCatalog = {
  kinds: { ...generated.kinds, ...metricsKinds },
  definitions: { ...generated.definitions, ...metricsDefinitions },
};

/** A definition by name; throws for a name the catalog lacks, which is a programming error. */
export function definitionOf(name: string): SchemaDefinition {
  const definition = schemaCatalog.definitions[name];
  if (!definition) throw new Error(`no schema definition ${name}`);
  return definition;
}

/** T for a `[]T` field type. */
export function arrayItemType(type: FieldType): FieldType | undefined {
  return type.startsWith('[]') ? type.slice('[]'.length) : undefined;
}

/** T for a `map[string]T` field type. */
export function mapValueType(type: FieldType): FieldType | undefined {
  return type.startsWith('map[string]') ? type.slice('map[string]'.length) : undefined;
}

/** The last segment of a definition name: `PodSpec` for io.k8s.api.core.v1.PodSpec. */
export function shortDefinitionName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The definition served as a group/version/kind, e.g. io.k8s.api.autoscaling.v1.Scale for autoscaling/v1 Scale. */
export function definitionForKind(gvk: GroupVersionKind): string | undefined {
  return definitionsByKind.get(`${gvk.group}/${gvk.version}/${gvk.kind}`);
}

/** The catalog's kinds indexed once: every write looks its kind up. */
const definitionsByKind = new Map(
  Object.entries(schemaCatalog.kinds).flatMap(([definition, kinds]) => kinds.map((k) => [`${k.group}/${k.version}/${k.kind}`, definition] as const)).reverse(),
);
