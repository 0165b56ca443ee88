import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const widget = (metadata: object): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', spec: { anything: -1 }, metadata });

describe('validateCreate: a kind without rules of its own gets ObjectMeta validation only', () => {
  it('accepts any spec under valid metadata', () => {
    expect(validateCreate(widget({ name: 'w.1', namespace: 'default', finalizers: ['example.com/cleanup', 'custom'] }), true)).toEqual([]);
  });

  it.each([
    ['no name', { namespace: 'default' }, true, ['metadata.name: Required value: name or generateName is required']],
    [
      'a name that is not a DNS subdomain',
      { name: 'My_Widget', namespace: 'default' },
      true,
      [
        "metadata.name: Invalid value: \"My_Widget\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    ['no namespace on a namespaced kind', { name: 'w' }, true, ['metadata.namespace: Required value']],
    ['a namespace on a cluster-scoped kind', { name: 'w', namespace: 'default' }, false, ['metadata.namespace: Forbidden: not allowed on this type']],
    [
      'a bad label value',
      { name: 'w', namespace: 'default', labels: { app: 'a b' } },
      true,
      [
        "metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
  ])('refuses %s', (_name, metadata, namespaced, expected) => {
    expect(messages(validateCreate(widget(metadata), namespaced))).toEqual(expected);
  });

  it('takes the scope from the object when the caller does not give it', () => {
    expect(messages(validateCreate(widget({ name: 'w' })))).toEqual([]);
    expect(messages(validateCreate(widget({ name: 'w', namespace: 'default' })))).toEqual([]);
  });

  it('refuses a changed uid or name on update, and nothing in the spec', () => {
    const old = widget({ name: 'w', namespace: 'default', uid: 'u1' });
    const changed = { ...widget({ name: 'v', namespace: 'default', uid: 'u2' }), spec: { other: true } };
    expect(messages(validateUpdate(changed, old, true))).toEqual([
      'metadata.name: Invalid value: "v": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
    ]);
  });
});
