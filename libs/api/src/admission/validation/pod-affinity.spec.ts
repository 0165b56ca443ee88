import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate } from './validate.js';

const pod = (affinity: object): KubeObject =>
  applyDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { affinity, containers: [{ name: 'web', image: 'nginx:1.25' }] } });
const messages = (obj: KubeObject) => validateCreate(obj).map((e) => `${e.field}: ${e.message}`);
const selector = { matchLabels: { app: 'web' } };

describe('validateCreate: pod affinity and anti-affinity', () => {
  it('accepts required and preferred terms', () => {
    expect(messages(pod({
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey: 'kubernetes.io/hostname' }] },
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: 'topology.kubernetes.io/zone' } }] },
    }))).toEqual([]);
  });

  it.each([
    [
      'a term without topologyKey',
      { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector }] } },
      [
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    [
      'a weight out of range and a bad topology key',
      { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { labelSelector: selector, topologyKey: 'bad key' } }] } },
      [
        'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
        "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    [
      'a bad selector operator',
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] }, topologyKey: 'kubernetes.io/hostname' }] } },
      ['spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator'],
    ],
  ])('refuses %s', (_what, affinity, expected) => {
    expect(messages(pod(affinity))).toEqual(expected);
  });
});
