/**
 * A Swagger 2.0 document as gnostic's `openapi.v2.Document` protobuf message, the form
 * kubectl asks /openapi/v2 for (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`).
 * kube-apiserver makes it from its JSON with gnostic's ParseDocument and proto.Marshal;
 * this writes the same message from the same JSON: fields in number order, proto3's zero
 * values left out, maps as repeated `Named*` pairs in the JSON's key order, `x-` keys as
 * vendor extensions whose value is YAML text, and the oneof wrappers gnostic puts around
 * parameters, responses, types and items.
 */
import { stringify as yamlText } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** How one JSON key is written: its field number and what it holds. */
type Field = readonly [number, FieldType];
type FieldType =
  | 'string' | 'bool' | 'int64' | 'double' | 'strings' | 'any' | 'anys'
  /** gnostic's wrappers: TypeItem, ItemsItem, AdditionalPropertiesItem, SchemaItem, repeated ParametersItem. */
  | 'typeItem' | 'itemsItem' | 'additionalPropertiesItem' | 'schemaItem' | 'parametersItems'
  | { message: string; repeated?: boolean }
  | { named: string };

/** A message: its JSON keys, and the field of its `x-` keys if it has vendor extensions. */
interface MessageShape {
  fields: Readonly<Record<string, Field>>;
  vendor?: number;
}

const message = (name: string): FieldType => ({ message: name });
const messages = (name: string): FieldType => ({ message: name, repeated: true });
/** A map written as a message of repeated `Named*` pairs (field 1) whose values are `value` messages. */
const named = (value: string): FieldType => ({ named: value });

const primitiveFields = (first: number, extra: Readonly<Record<string, Field>> = {}): Record<string, Field> => {
  const names = ['type', 'format', 'items', 'collectionFormat', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf'];
  const types: FieldType[] = ['string', 'string', message('PrimitivesItems'), 'string', 'any', 'double', 'bool', 'double', 'bool', 'int64', 'int64', 'string', 'int64', 'int64', 'bool', 'anys', 'double'];
  return { ...extra, ...Object.fromEntries(names.map((name, i) => [name, [first + i, types[i]] as const])) };
};

/** A non-body parameter: required, in, description, name, then (for query and form data) allowEmptyValue, then the primitive keywords. */
const subSchema = (allowEmptyValue: boolean): MessageShape => {
  const head: Record<string, Field> = { required: [1, 'bool'], in: [2, 'string'], description: [3, 'string'], name: [4, 'string'] };
  if (allowEmptyValue) head.allowEmptyValue = [5, 'bool'];
  const fields = primitiveFields(allowEmptyValue ? 6 : 5, head);
  return { fields, vendor: allowEmptyValue ? 23 : 22 };
};

const shapes: Record<string, MessageShape> = {
  Document: {
    fields: {
      swagger: [1, 'string'], info: [2, message('Info')], host: [3, 'string'], basePath: [4, 'string'], schemes: [5, 'strings'], consumes: [6, 'strings'],
      produces: [7, 'strings'], paths: [8, message('Paths')], definitions: [9, named('Schema')], security: [12, messages('SecurityRequirement')],
      securityDefinitions: [13, named('SecurityDefinitionsItem')], tags: [14, messages('Tag')],
    },
    vendor: 16,
  },
  Info: { fields: { title: [1, 'string'], version: [2, 'string'], description: [3, 'string'], termsOfService: [4, 'string'] }, vendor: 7 },
  Tag: { fields: { name: [1, 'string'], description: [2, 'string'] }, vendor: 4 },
  Paths: { fields: {}, vendor: 1 },
  PathItem: {
    fields: {
      $ref: [1, 'string'], get: [2, message('Operation')], put: [3, message('Operation')], post: [4, message('Operation')], delete: [5, message('Operation')],
      options: [6, message('Operation')], head: [7, message('Operation')], patch: [8, message('Operation')], parameters: [9, 'parametersItems'],
    },
    vendor: 10,
  },
  Operation: {
    fields: {
      tags: [1, 'strings'], summary: [2, 'string'], description: [3, 'string'], operationId: [5, 'string'], produces: [6, 'strings'], consumes: [7, 'strings'],
      parameters: [8, 'parametersItems'], responses: [9, message('Responses')], schemes: [10, 'strings'], deprecated: [11, 'bool'],
    },
    vendor: 13,
  },
  Parameter: { fields: {} },
  BodyParameter: { fields: { description: [1, 'string'], name: [2, 'string'], in: [3, 'string'], required: [4, 'bool'], schema: [5, message('Schema')] }, vendor: 6 },
  NonBodyParameter: { fields: {} },
  HeaderParameterSubSchema: subSchema(false),
  FormDataParameterSubSchema: subSchema(true),
  QueryParameterSubSchema: subSchema(true),
  PathParameterSubSchema: subSchema(false),
  JsonReference: { fields: { $ref: [1, 'string'], description: [2, 'string'] } },
  PrimitivesItems: { fields: primitiveFields(1), vendor: 18 },
  Responses: { fields: {}, vendor: 2 },
  Response: { fields: { description: [1, 'string'], schema: [2, 'schemaItem'] }, vendor: 5 },
  FileSchema: { fields: { format: [1, 'string'], title: [2, 'string'], description: [3, 'string'], required: [5, 'strings'], type: [6, 'string'], readOnly: [7, 'bool'] }, vendor: 10 },
  Schema: {
    fields: {
      $ref: [1, 'string'], format: [2, 'string'], title: [3, 'string'], description: [4, 'string'], default: [5, 'any'], multipleOf: [6, 'double'],
      maximum: [7, 'double'], exclusiveMaximum: [8, 'bool'], minimum: [9, 'double'], exclusiveMinimum: [10, 'bool'], maxLength: [11, 'int64'],
      minLength: [12, 'int64'], pattern: [13, 'string'], maxItems: [14, 'int64'], minItems: [15, 'int64'], uniqueItems: [16, 'bool'],
      maxProperties: [17, 'int64'], minProperties: [18, 'int64'], required: [19, 'strings'], enum: [20, 'anys'],
      additionalProperties: [21, 'additionalPropertiesItem'], type: [22, 'typeItem'], items: [23, 'itemsItem'], allOf: [24, messages('Schema')], properties: [25, named('Schema')], discriminator: [26, 'string'],
      readOnly: [27, 'bool'], example: [30, 'any'],
    },
    vendor: 31,
  },
  SecurityRequirement: { fields: {} },
  SecurityDefinitionsItem: { fields: {} },
  ApiKeySecurity: { fields: { type: [1, 'string'], name: [2, 'string'], in: [3, 'string'], description: [4, 'string'] }, vendor: 5 },
  BasicAuthenticationSecurity: { fields: { type: [1, 'string'], description: [2, 'string'] }, vendor: 3 },
};

/** NonBodyParameter's oneof: the sub-schema for the parameter's `in`. */
const nonBodyFields: Record<string, readonly [number, string]> = {
  header: [1, 'HeaderParameterSubSchema'], formData: [2, 'FormDataParameterSubSchema'], query: [3, 'QueryParameterSubSchema'], path: [4, 'PathParameterSubSchema'],
};

/** The gnostic `openapi.v2.Document` bytes of a Swagger 2.0 document (plain JSON data, as JSON.parse gives). */
export function encodeOpenApiV2Document(document: Readonly<Record<string, unknown>>): Uint8Array {
  return new Uint8Array(encodeMessage(document as JsonObject, 'Document'));
}

function encodeMessage(value: Json, name: string): Buffer {
  if (!isObject(value)) return empty();
  switch (name) {
    case 'Parameter':
      return value.in === 'body' ? delimited(1, encodeMessage(value, 'BodyParameter')) : delimited(2, encodeMessage(value, 'NonBodyParameter'));
    case 'NonBodyParameter': {
      const [number, sub] = nonBodyFields[String(value.in)] ?? nonBodyFields.query;
      return delimited(number, encodeMessage(value, sub));
    }
    case 'Paths':
      return concat([vendorExtensions(value, 1), namedPairs(value, 2, 'PathItem', (key) => !key.startsWith('x-'))]);
    case 'Responses':
      return concat([namedPairs(value, 1, 'ResponseValue', (key) => !key.startsWith('x-')), vendorExtensions(value, 2)]);
    case 'ResponseValue':
      return typeof value.$ref === 'string' ? delimited(2, encodeMessage(value, 'JsonReference')) : delimited(1, encodeMessage(value, 'Response'));
    case 'SecurityRequirement':
      return concat(Object.entries(value).map(([key, scopes]) => delimited(1, concat([delimited(1, utf8(key)), delimited(2, strings(1, scopes))]))));
    case 'SecurityDefinitionsItem':
      return value.type === 'basic' ? delimited(1, encodeMessage(value, 'BasicAuthenticationSecurity')) : delimited(2, encodeMessage(value, 'ApiKeySecurity'));
  }
  const shape = shapes[name];
  const parts: Array<[number, Buffer]> = [];
  for (const [key, field] of Object.entries(shape.fields)) {
    if (value[key] !== undefined && value[key] !== null) parts.push([field[0], encodeField(field, value[key])]);
  }
  if (shape.vendor !== undefined) parts.push([shape.vendor, vendorExtensions(value, shape.vendor)]);
  return concat(parts.sort(([a], [b]) => a - b).map(([, bytes]) => bytes));
}

function encodeField([number, type]: Field, value: Json): Buffer {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value !== '' ? delimited(number, utf8(value)) : empty();
    case 'bool':
      return value === true ? boolField(number, true) : empty();
    case 'int64':
      return typeof value === 'number' && value > 0 ? concat([tag(number, 0), varint(Math.trunc(value))]) : empty();
    case 'double':
      return typeof value === 'number' && value !== 0 ? concat([tag(number, 1), float64(value)]) : empty();
    case 'strings':
      return strings(number, value);
    case 'any':
      return delimited(number, anyMessage(value));
    case 'anys':
      return Array.isArray(value) ? concat(value.map((item) => delimited(number, anyMessage(item)))) : empty();
    case 'typeItem':
      return delimited(number, strings(1, Array.isArray(value) ? value : [value]));
    case 'itemsItem':
      return delimited(number, concat((Array.isArray(value) ? value : [value]).map((item) => delimited(1, encodeMessage(item, 'Schema')))));
    case 'additionalPropertiesItem':
      return delimited(number, typeof value === 'boolean' ? boolField(2, value) : delimited(1, encodeMessage(value, 'Schema')));
    case 'schemaItem':
      return delimited(number, isObject(value) && value.type === 'file' ? delimited(2, encodeMessage(value, 'FileSchema')) : delimited(1, encodeMessage(value, 'Schema')));
    case 'parametersItems':
      return concat((Array.isArray(value) ? value : []).map((item) => delimited(number, parametersItem(item))));
  }
  if ('named' in type) return delimited(number, namedPairs(isObject(value) ? value : {}, 1, type.named, () => true));
  return type.repeated ? concat((Array.isArray(value) ? value : []).map((item) => delimited(number, encodeMessage(item, type.message)))) : delimited(number, encodeMessage(value, type.message));
}

/** ParametersItem's oneof: a reference to a shared parameter, or the parameter itself. */
function parametersItem(value: Json): Buffer {
  return isObject(value) && typeof value.$ref === 'string' ? delimited(2, encodeMessage(value, 'JsonReference')) : delimited(1, encodeMessage(value, 'Parameter'));
}

/** A JSON map as repeated `Named*` pairs (name 1, value 2), in key order. */
function namedPairs(map: JsonObject, number: number, valueMessage: string, keep: (key: string) => boolean): Buffer {
  const pairs = Object.entries(map).filter(([key]) => keep(key));
  return concat(pairs.map(([key, value]) => delimited(number, concat([delimited(1, utf8(key)), delimited(2, encodeMessage(value, valueMessage))]))));
}

/** The `x-` keys of a map as NamedAny pairs. */
function vendorExtensions(map: JsonObject, number: number): Buffer {
  const extensions = Object.entries(map).filter(([key]) => key.startsWith('x-'));
  return concat(extensions.map(([key, value]) => delimited(number, concat([delimited(1, utf8(key)), delimited(2, anyMessage(value))]))));
}

/** gnostic's Any: the value as YAML text (field 2). */
function anyMessage(value: Json): Buffer {
  return delimited(2, utf8(yamlText(value)));
}

function strings(number: number, value: Json): Buffer {
  return Array.isArray(value) ? concat(value.map((item) => delimited(number, utf8(String(item))))) : empty();
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let v = value;
  do {
    const byte = v % 128;
    v = Math.floor(v / 128);
    out.push(v > 0 ? byte | 0x80 : byte);
  } while (v > 0);
  return Buffer.from(out);
}

function float64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeDoubleLE(value);
  return buffer;
}

/** A length-delimited field: tag, length, content. Buffers, not arrays: the document is megabytes. */
const tag = (field: number, wireType: number) => varint(field * 8 + wireType);
const delimited = (field: number, content: Buffer) => Buffer.concat([tag(field, 2), varint(content.length), content]);
const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** No bytes; a function, not a module constant: the dashboard page imports @kubelab/api, and the browser has no Buffer. */
const empty = (): Buffer => Buffer.alloc(0);
const concat = (parts: readonly Buffer[]) => (parts.length === 0 ? empty() : Buffer.concat(parts));
const boolField = (field: number, value: boolean) => Buffer.concat([tag(field, 0), Buffer.from([value ? 1 : 0])]);

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
