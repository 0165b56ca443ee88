/**
 * The Swagger 2.0 document kube-apiserver serves at /openapi/v2: every served group
 * version in one document. kubectl still reads it where v3 has no answer (client-side
 * validation of a kind v3 does not list, the patch metadata of apply when v3 cannot say,
 * `explain --output=plaintext-openapiv2`), and older clients read nothing else. It is
 * written from the same v3 documents the lab serves, so the two never disagree.
 */
import { openApiV3Document, openApiV3Index } from './openapi-v3.js';

/** A JSON object of an OpenAPI document. */
type Json = Record<string, unknown>;

const schemasPrefix = '#/components/schemas/';
const definitionsPrefix = '#/definitions/';

/** Schema keywords Swagger 2.0 lacks: kube-apiserver's v2 has none of them. */
const v3Only = new Set(['oneOf', 'anyOf', 'not', 'nullable', 'writeOnly', 'deprecated']);

/** The whole /openapi/v2 document, built from the v3 document of every group version the index lists. */
export function openApiV2Document(): Json {
  const documents = Object.keys(openApiV3Index('').paths).map((path) => openApiV3Document(path) as Json);
  return swaggerFromOpenApiV3(documents);
}

/** One Swagger 2.0 document from OpenAPI v3 documents: their paths and schemas, merged and sorted as Go's maps are. */
export function swaggerFromOpenApiV3(documents: readonly Json[]): Json {
  const paths: Json = {};
  const definitions: Json = {};
  for (const doc of documents) {
    for (const [path, item] of Object.entries(asObject(doc.paths))) paths[path] = pathItem(asObject(item));
    for (const [name, schema] of Object.entries(asObject(asObject(doc.components).schemas))) definitions[name] = v2Schema(schema);
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: sorted(paths),
    definitions: sorted(definitions),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}

function pathItem(item: Json): Json {
  return Object.fromEntries(
    Object.entries(item).map(([key, value]) => [key, key === 'parameters' ? asArray(value).map((p) => parameter(asObject(p))) : operation(asObject(value))]),
  );
}

/** An operation: v3's requestBody becomes a body parameter and `consumes`, response content becomes `produces`. */
function operation(op: Json): Json {
  const { requestBody, responses, parameters, ...rest } = op;
  const body = requestBody === undefined ? undefined : asObject(requestBody);
  const bodyTypes = Object.keys(asObject(body?.content));
  const replies = Object.entries(asObject(responses));
  const produces = [...new Set(replies.flatMap(([, r]) => Object.keys(asObject(asObject(r).content))))];
  const isPatch = bodyTypes.includes('application/strategic-merge-patch+json');
  return {
    ...rest,
    consumes: isPatch ? bodyTypes : ['*/*'],
    produces,
    schemes: ['https'],
    parameters: [
      ...(body ? [{ name: 'body', in: 'body', required: true, schema: v2Schema(asObject(Object.values(asObject(body.content))[0]).schema) }] : []),
      ...asArray(parameters).map((p) => parameter(asObject(p))),
    ],
    responses: Object.fromEntries(replies.map(([code, r]) => [code, response(asObject(r))])),
  };
}

/** A query or path parameter: v3 nests its type in `schema`, v2 writes it inline. */
function parameter(p: Json): Json {
  const { schema, ...rest } = p;
  return { ...rest, ...asObject(schema) };
}

function response(r: Json): Json {
  const { content, ...rest } = r;
  const first = Object.values(asObject(content))[0];
  return first === undefined ? rest : { ...rest, schema: v2Schema(asObject(first).schema) };
}

/**
 * A schema in Swagger 2.0's form: references point at `#/definitions/`, the
 * `allOf: [{$ref}]` that lets v3 put a description beside a reference becomes the
 * reference itself, and a scalar v3 writes as `oneOf` (IntOrString, Quantity) is a
 * string, as kube-apiserver's v2 has them.
 */
function v2Schema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(v2Schema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { allOf, ...rest } = schema as Json;
  const single = Array.isArray(allOf) && allOf.length === 1 ? asObject(allOf[0]) : undefined;
  const merged: Json = single ? { ...single, ...rest } : allOf === undefined ? rest : { ...rest, allOf };
  const out: Json = {};
  for (const [key, value] of Object.entries(merged)) {
    if (v3Only.has(key)) continue;
    if (key === '$ref' && typeof value === 'string') out[key] = value.replace(schemasPrefix, definitionsPrefix);
    else if (key === 'properties' || key === 'patternProperties') out[key] = Object.fromEntries(Object.entries(asObject(value)).map(([k, v]) => [k, v2Schema(v)]));
    else if (key === 'items' || key === 'additionalProperties' || key === 'allOf') out[key] = v2Schema(value);
    else out[key] = value;
  }
  const oneOf = merged.oneOf;
  if (out.type === undefined && out.$ref === undefined && Array.isArray(oneOf) && oneOf.some((s) => asObject(s).type === 'string')) out.type = 'string';
  return out;
}

function sorted(map: Json): Json {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
