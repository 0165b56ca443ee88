import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
// https://kubernetes.io/docs/concepts/containers/runtime-class/
const runtimeClass = (handler: unknown): KubeObject => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'myclass' }, handler });

describe('RuntimeClass (node.k8s.io/v1)', () => {
  it('accepts the documentation class', () => {
    expect(validateCreate(runtimeClass('myconfiguration'))).toEqual([]);
  });

  it('requires a DNS-label handler', () => {
    expect(messages(validateCreate(runtimeClass('my.config')))).toEqual(['handler: Invalid value: "my.config": must not contain dots']);
    expect(messages(validateCreate(runtimeClass(undefined)))[0]).toMatch(/^handler: Invalid value: "": a lowercase RFC 1123 label must consist of/);
  });

  it('keeps the handler fixed', () => {
    expect(messages(validateUpdate(runtimeClass('other'), runtimeClass('myconfiguration')))).toEqual(['handler: Invalid value: "other": field is immutable']);
  });
});
