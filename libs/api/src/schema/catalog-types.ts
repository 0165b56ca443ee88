/**
 * The shapes of the schema catalog (k8s-schema.generated.json, written by tools/schema-gen), apart
 * from the catalog itself so that the hand-written parts it merges in (metrics-schema.ts) can use
 * them without importing the catalog that imports them.
 */

/** A Kubernetes group/version/kind as OpenAPI tags it. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/**
 * A field type, written like a Go type so decoding errors can name it:
 * `string`, `byte` (base64 text), `int32`, `int64`, `double`, `boolean`,
 * `any` (free-form JSON), `[]T`, `map[string]T`, or a definition name.
 */
export type FieldType = string;

/** One field of an object definition. */
export interface SchemaProperty {
  type: FieldType;
  description?: string;
}

/** Definitions that are not objects in JSON but decode specially. */
export type ScalarKind = 'date-time' | 'date-time-micro' | 'int-or-string' | 'quantity';

/** One definition: an object with properties, or a special scalar. */
export interface SchemaDefinition {
  description?: string;
  scalar?: ScalarKind;
  required?: string[];
  properties?: Record<string, SchemaProperty>;
}

/** All definitions by Kubernetes name, and the kinds each definition is served as. */
export interface SchemaCatalog {
  kinds: Record<string, GroupVersionKind[]>;
  definitions: Record<string, SchemaDefinition>;
}

/**
 * How strategic merge patch treats one field, from its `patchStrategy` and `patchMergeKey`
 * struct tags: `merge` (lists merged by `mergeKey`, or as a set without one), `retainKeys`
 * (a union whose unset members a patch clears), both, or `replace`.
 */
export interface PatchStrategy {
  strategy: string;
  mergeKey?: string;
}

/** Patch strategies by definition name, then JSON field name (patch-strategies.generated.json). */
export type PatchStrategies = Record<string, Record<string, PatchStrategy>>;
