/**
 * The OpenAPI v3 document of a custom resource group version, as kube-apiserver publishes
 * it from the CRDs: the paths of each served resource, the version's openAPIV3Schema as
 * the kind's schema (with apiVersion, kind and metadata filled in and
 * `x-kubernetes-group-version-kind`, which `kubectl explain` and kubectl's field
 * validation look for), its List, and the meta schemas they refer to.
 */
import type { ResourceType } from '../registry.js';
import { resourcePaths } from '../schema/openapi-paths.js';
import { componentSchemas, type OpenApiSchema } from '../schema/openapi-schemas.js';
import type { JSONSchemaProps } from './types.js';

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const apiVersionField = { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' };
const kindField = { type: 'string', description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' };

function kindSchema(t: ResourceType, schema: JSONSchemaProps): OpenApiSchema {
  const { metadata: _ignored, ...properties } = schema.properties ?? {};
  return {
    ...schema,
    type: 'object',
    properties: {
      apiVersion: apiVersionField,
      kind: kindField,
      metadata: { allOf: [ref(`${meta}.ObjectMeta`)], description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata" },
      ...properties,
    },
    'x-kubernetes-group-version-kind': [{ group: t.group, kind: t.kind, version: t.version }],
  };
}

function listSchema(t: ResourceType): OpenApiSchema {
  return {
    description: `${t.kind}List is a list of ${t.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: apiVersionField,
      items: { type: 'array', description: `List of ${t.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`, items: ref(t.schemaName) },
      kind: kindField,
      metadata: { allOf: [ref(`${meta}.ListMeta`)], description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    },
    'x-kubernetes-group-version-kind': [{ group: t.group, kind: t.listKind, version: t.version }],
  };
}

/** The document for the custom types served in one group version. */
export function customResourceOpenApiDocument(types: readonly ResourceType[]): object {
  const roots = [`${meta}.ObjectMeta`, `${meta}.ListMeta`, `${meta}.DeleteOptions`, `${meta}.Status`];
  if (types.some((t) => t.custom?.scale)) roots.push('io.k8s.api.autoscaling.v1.Scale');
  const own = Object.fromEntries(types.flatMap((t) => [
    [t.schemaName, kindSchema(t, t.custom!.schema)],
    [t.schemaName.replace(/\.\w+$/, `.${t.listKind}`), listSchema(t)],
  ]));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' },
    paths: Object.assign({}, ...types.map(resourcePaths)),
    components: { schemas: { ...componentSchemas(roots), ...own } },
  };
}
