import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const priorityClass = (name: string, body: object): KubeObject =>
  applyDefaults({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...body });
const reserved = "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: ";

describe('validateCreate: PriorityClass', () => {
  it.each<[string, KubeObject]>([
    ['a user class', priorityClass('high', { value: 1000, description: 'important' })],
    ['the highest user value', priorityClass('top', { value: 1000000000 })],
    ['a negative value', priorityClass('low', { value: -5, preemptionPolicy: 'Never' })],
    ['the built-in system-node-critical', priorityClass('system-node-critical', { value: 2000001000 })],
    ['the built-in system-cluster-critical', priorityClass('system-cluster-critical', { value: 2000000000, globalDefault: false })],
  ])('accepts %s', (_name, obj) => {
    expect(messages(validateCreate(obj))).toEqual([]);
  });

  it.each<[string, KubeObject, string[]]>([
    ['a value above 1000000000', priorityClass('high', { value: 1000000001 }), ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    ['an unknown system- name', priorityClass('system-high', { value: 10 }), [`${reserved}system-high is not a known system priority class`]],
    ['a built-in name with another value', priorityClass('system-node-critical', { value: 10 }), [`${reserved}value of system-node-critical PriorityClass must be 2000001000`]],
    [
      'a built-in name as global default',
      priorityClass('system-cluster-critical', { value: 2000000000, globalDefault: true }),
      [`${reserved}globalDefault of system-cluster-critical PriorityClass must be false`],
    ],
    ['an unknown preemption policy', priorityClass('high', { value: 1, preemptionPolicy: 'Sometimes' }), ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"']],
    [
      'a name that is not a DNS subdomain',
      priorityClass('High', { value: 1 }),
      [
        "metadata.name: Invalid value: \"High\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });
});

describe('validateUpdate: PriorityClass', () => {
  const old = priorityClass('high', { value: 1000 });
  const changed = (body: object) => ({ ...priorityClass('high', { value: 1000, ...body }), metadata: old.metadata });

  it.each<[string, object, string[]]>([
    ['a new description and global default', { description: 'now the default', globalDefault: true }, []],
    ['a new value', { value: 2000 }, ['value: Forbidden: may not be changed in an update.']],
    ['a new preemption policy', { preemptionPolicy: 'Never' }, ['preemptionPolicy: Invalid value: "Never": field is immutable']],
  ])('%s', (_name, body, expected) => {
    expect(messages(validateUpdate(changed(body), old))).toEqual(expected);
  });
});
