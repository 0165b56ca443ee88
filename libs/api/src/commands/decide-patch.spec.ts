import { describe, expect, it } from 'vitest';
import { refusal } from '../refusal.testing.js';
import { parseApplyPatch } from './decide-patch.js';

describe('parseApplyPatch', () => {
  it('reads a YAML apply configuration', () => {
    expect(parseApplyPatch('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n')).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
  });

  it('refuses YAML it cannot read with 400, as applyPatcher does', () => {
    expect(refusal(() => parseApplyPatch('{"a": [}'))).toMatch(/^400 BadRequest: error decoding YAML: error converting YAML to JSON: yaml: line 1: /);
    expect(refusal(() => parseApplyPatch('a: b: c'))).toMatch(/^400 BadRequest: error decoding YAML: error converting YAML to JSON: yaml: line 1: /);
    expect(refusal(() => parseApplyPatch('- 1'))).toBe('400 BadRequest: error decoding YAML: the apply configuration must be an object');
  });

  it('refuses an apply configuration nested past maxBodyDepth', () => {
    expect(refusal(() => parseApplyPatch(`spec: ${'{"a":'.repeat(600)}1${'}'.repeat(600)}`))).toBe("400 BadRequest: error decoding YAML: invalid character '{' exceeded max depth");
  });
});
