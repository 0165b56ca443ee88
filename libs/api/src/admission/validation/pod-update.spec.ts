import { describe, expect, it } from 'vitest';
import type { Pod } from '../../typed-objects.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { POD_UPDATE_FORBIDDEN } from './pod-update.js';
import { validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const nginx = applyDefaults(
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default', uid: 'u1', resourceVersion: '5' },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
  }
) as Pod;

function changed(edit: (pod: Pod) => void): Pod {
  const pod = structuredClone(nginx);
  edit(pod);
  return pod;
}

describe('validateUpdate: Pod', () => {
  it('states the 1.32 rule word for word', () => {
    expect(POD_UPDATE_FORBIDDEN).toBe(
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });

  it.each([
    ['a new image', (p: Pod) => (p.spec!.containers[0].image = 'nginx:1.16.1')],
    ['a first activeDeadlineSeconds', (p: Pod) => (p.spec!.activeDeadlineSeconds = 60)],
    ['an added toleration', (p: Pod) => p.spec!.tolerations!.push({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' })],
    ['new labels', (p: Pod) => (p.metadata.labels = { app: 'nginx' })],
  ])('allows %s', (_name, edit) => {
    expect(validateUpdate(changed(edit), nginx)).toEqual([]);
  });

  it('refuses a changed container port with the Forbidden message and a diff', () => {
    const errors = validateUpdate(changed((p) => (p.spec!.containers[0].ports![0].containerPort = 8080)), nginx);
    expect(errors).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'spec',
        message: `Forbidden: ${POD_UPDATE_FORBIDDEN}\n  core.PodSpec{\n- \tContainers[0].Ports[0].ContainerPort: 80,\n+ \tContainers[0].Ports[0].ContainerPort: 8080,\n  }\n`,
      },
    ]);
  });

  it.each([
    ['an added container', (p: Pod) => p.spec!.containers.push({ ...p.spec!.containers[0], name: 'sidecar' }), ['spec.containers: Forbidden: pod updates may not add or remove containers']],
    ['an emptied image', (p: Pod) => (p.spec!.containers[0].image = ''), ['spec.containers[0].image: Required value']],
    [
      'a removed toleration',
      (p: Pod) => p.spec!.tolerations!.pop(),
      ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
    ],
    [
      'a raised activeDeadlineSeconds',
      (p: Pod) => (p.spec!.activeDeadlineSeconds = 120),
      ['spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value'],
    ],
    ['a new name', (p: Pod) => (p.metadata.name = 'web'), ['metadata.name: Invalid value: "web": field is immutable']],
  ])('refuses %s', (_name, edit, expected) => {
    const base = changed((p) => (p.spec!.activeDeadlineSeconds = 60));
    const next = structuredClone(base);
    edit(next);
    expect(messages(validateUpdate(next, base))).toEqual(expected);
  });
});
