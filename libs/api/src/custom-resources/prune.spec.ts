import { describe, expect, it } from 'vitest';
import { pruneBySchema } from './prune.js';
import type { JSONSchemaProps } from './types.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        image: { type: 'string' },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      },
    },
  },
};

describe('pruneBySchema', () => {
  it('drops unknown fields and reports their paths in document order', () => {
    const { pruned, unknownFields } = pruneBySchema({
      apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a', bogus: 1 }, extra: true,
      spec: { image: 'i', foo: 'bar', items: [{ name: 'n', size: 1 }], labels: { a: 'b' }, free: { any: { thing: 1 } }, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 }, other: 2 } },
    }, schema);
    expect(unknownFields).toEqual(['metadata.bogus', 'extra', 'spec.foo', 'spec.items[0].size', 'spec.template.other']);
    expect(pruned).toEqual({
      apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' },
      spec: { image: 'i', items: [{ name: 'n' }], labels: { a: 'b' }, free: { any: { thing: 1 } }, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 } } },
    });
  });
});
