import { describe, expect, it } from 'vitest';
import { applySchemaDefaults } from './defaults.js';
import type { JSONSchemaProps } from './types.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      default: {},
      properties: {
        cronSpec: { type: 'string', default: '5 0 * * *' },
        replicas: { type: 'integer', default: 1 },
        note: { type: 'string', nullable: true, default: 'n' },
        ports: { type: 'array', items: { type: 'object', properties: { protocol: { type: 'string', default: 'TCP' } } } },
      },
    },
  },
};

describe('applySchemaDefaults', () => {
  it('fills missing fields, defaults inside defaults, and array items', () => {
    expect(applySchemaDefaults({ kind: 'X' }, schema)).toEqual({ kind: 'X', spec: { cronSpec: '5 0 * * *', replicas: 1, note: 'n' } });
    expect(applySchemaDefaults({ spec: { replicas: 3, ports: [{}, { protocol: 'UDP' }] } }, schema)).toEqual({
      spec: { cronSpec: '5 0 * * *', replicas: 3, note: 'n', ports: [{ protocol: 'TCP' }, { protocol: 'UDP' }] },
    });
  });

  it('replaces null with the default unless the field is nullable', () => {
    expect(applySchemaDefaults({ spec: { replicas: null, note: null } }, schema)).toEqual({ spec: { cronSpec: '5 0 * * *', replicas: 1, note: null } });
  });
});
