import { describe, expect, it } from 'vitest';
import { normalizedFieldPath } from './rule-field-path.js';
import type { JSONSchemaProps } from './types.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: { type: 'object', properties: { 'a.b': { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'object', properties: { x: { type: 'string' } } } } } },
  },
};

describe('normalizedFieldPath', () => {
  it.each<[string, string | undefined]>([
    ['.spec', 'spec'],
    [".spec['a.b']", 'spec.a.b'],
    [".spec.labels['app'].x", 'spec.labels[app].x'],
    [String.raw`.spec.labels['it\'s']`, "spec.labels[it's]"],
    ['.spec.nothing', undefined],
    ['spec', undefined],
    [".spec['a.b'].c", undefined],
    [String.raw`.spec.labels['\q']`, undefined],
  ])('%s', (fieldPath, normalized) => {
    expect(normalizedFieldPath(fieldPath, schema)).toBe(normalized);
  });
});
