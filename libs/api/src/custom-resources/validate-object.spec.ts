import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from './types.js';
import { validateBySchema } from './validate-object.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: String.raw`^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$` },
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
        ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
        mode: { type: 'string', enum: ['a', 'b'] },
        name: { type: 'string', minLength: 2, maxLength: 4 },
        tags: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } },
        port: { 'x-kubernetes-int-or-string': true },
        note: { type: 'string', nullable: true },
        when: { type: 'string', format: 'date-time' },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
};

const messages = (spec: Record<string, unknown>) => validateBySchema({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'x' }, spec }, schema).map((e) => `${e.field}: ${e.message}`);

describe('validateBySchema', () => {
  it('accepts a valid object', () => {
    expect(messages({ cronSpec: '* * * * */5', replicas: 3, port: 'http', note: null, tags: ['a'], template: { apiVersion: 'v1', kind: 'Pod' } })).toEqual([]);
  });

  it('reports the type by its JSON name, and stops below it', () => {
    expect(messages({ cronSpec: '* * * * *', replicas: 'three' })).toEqual(['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"']);
    expect(messages({ cronSpec: '* * * * *', replicas: 1.5 })).toEqual(['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"']);
    expect(messages({ cronSpec: '* * * * *', port: true })).toEqual(['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"']);
    expect(messages({ cronSpec: null })).toEqual(['spec.cronSpec: Invalid value: "null": spec.cronSpec in body must be of type string: "null"']);
  });

  it('checks pattern, bounds, enum, lengths, items and format with kube-apiserver\'s words', () => {
    expect(messages({
      cronSpec: 'x', replicas: 0, ratio: 0, mode: 'c', name: 'abcde', tags: ['a', 'b', 'c'], when: 'yesterday',
    })).toEqual([
      String.raw`spec.cronSpec: Invalid value: "x": spec.cronSpec in body should match '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'`,
      'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
      'spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0',
      'spec.mode: Unsupported value: "c": supported values: "a", "b"',
      'spec.name: Too long: may not be more than 4 bytes',
      'spec.tags: Too many: 3: must have at most 2 items',
      'spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"',
    ]);
    expect(messages({ cronSpec: '* * * * *', replicas: 11, name: 'a', tags: [] })).toEqual([
      'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10',
      'spec.name: Invalid value: "a": spec.name in body should be at least 2 chars long',
      'spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items',
    ]);
  });

  it('requires required fields and an embedded resource\'s apiVersion and kind', () => {
    expect(messages({ template: {} })).toEqual([
      'spec.cronSpec: Required value',
      'spec.template.apiVersion: Required value: must not be empty',
      'spec.template.kind: Required value: must not be empty',
    ]);
  });
});
