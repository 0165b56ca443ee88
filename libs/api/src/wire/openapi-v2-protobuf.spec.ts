import { describe, expect, it } from 'vitest';
import { readFields, type WireField } from '../schema/protobuf-wire.js';
import { encodeOpenApiV2Document } from './openapi-v2-protobuf.js';

const text = (f: WireField | undefined) => (f && f.wireType !== 0 ? Buffer.from(f.bytes).toString('utf8') : undefined);
const bytes = (f: WireField | undefined) => (f && f.wireType !== 0 ? f.bytes : new Uint8Array());
const field = (fields: WireField[], number: number) => fields.find((f) => f.number === number);

/** The fields of the message at `path` of field numbers, each step the first record with that number. */
function at(message: Uint8Array, ...path: number[]): WireField[] {
  return path.reduce((fields, number) => readFields(bytes(field(fields, number))), readFields(message));
}

describe('encodeOpenApiV2Document (gnostic openapi.v2.Document)', () => {
  const doc = encodeOpenApiV2Document({
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: {
      '/api/v1/pods': {
        get: { operationId: 'listPods', parameters: [{ name: 'limit', in: 'query', type: 'integer', uniqueItems: true }], responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/PodList' } } } },
      },
    },
    definitions: {
      Pod: { type: 'object', required: ['spec'], properties: { spec: { $ref: '#/definitions/PodSpec', description: 'spec' }, tags: { type: 'array', items: { type: 'string' } } }, 'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }] },
      Map: { type: 'object', additionalProperties: false },
    },
  });

  it('writes the document fields by number: swagger 1, info 2, paths 8, definitions 9', () => {
    const top = readFields(doc);
    expect(top.map((f) => f.number)).toEqual([1, 2, 8, 9]);
    expect(text(field(top, 1))).toBe('2.0');
    expect(text(field(at(doc, 2), 2))).toBe('v1.32.0');
  });

  it('writes a query parameter as ParametersItem → Parameter → NonBodyParameter → QueryParameterSubSchema', () => {
    const operation = at(doc, 8, 2, 2, 2);
    expect(text(field(operation, 5))).toBe('listPods');
    const query = at(bytes(field(operation, 8)), 1, 2, 3);
    expect(text(field(query, 2))).toBe('query');
    expect(text(field(query, 4))).toBe('limit');
    expect(text(field(query, 6))).toBe('integer');
    expect(field(query, 20)).toMatchObject({ wireType: 0, varint: 1n });
    const response = at(bytes(field(operation, 9)), 1, 2, 1);
    expect(text(field(at(bytes(field(response, 2)), 1), 1))).toBe('#/definitions/PodList');
  });

  it('writes schemas with their type item, properties, items and vendor extensions as YAML', () => {
    const pod = at(doc, 9, 1, 2);
    expect(text(field(pod, 19))).toBe('spec');
    expect(text(field(at(bytes(field(pod, 22))), 1))).toBe('object');
    const properties = readFields(bytes(field(pod, 25)));
    expect(properties.map((p) => text(field(readFields(bytes(p)), 1)))).toEqual(['spec', 'tags']);
    const spec = at(bytes(properties[0]), 2);
    expect([text(field(spec, 1)), text(field(spec, 4))]).toEqual(['#/definitions/PodSpec', 'spec']);
    const extension = readFields(bytes(field(pod, 31)));
    expect(text(field(extension, 1))).toBe('x-kubernetes-group-version-kind');
    expect(text(field(at(bytes(field(extension, 2))), 2))).toBe('- group: ""\n  kind: Pod\n  version: v1\n');
    const map = at(doc, 9);
    const additional = at(bytes(map[1]), 2, 21);
    expect(additional).toEqual([{ number: 2, wireType: 0, varint: 0n }]);
  });
});
