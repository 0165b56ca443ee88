import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Deployment, Job, ReplicaSet } from '../../typed-objects.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { applyJobSelector } from '../defaults/job-selector.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const podTemplate = (labels: Record<string, string>, spec: object = {}) => ({ metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], ...spec } });
const workload = <T extends KubeObject>(apiVersion: string, kind: string, spec: object): T =>
  applyDefaults({ apiVersion, kind, metadata: { name: 'web', namespace: 'default', uid: 'uid-1', resourceVersion: '1' }, spec }) as T;
const deployment = (spec: object) => workload<Deployment>('apps/v1', 'Deployment', spec);
const replicaSet = (spec: object) => workload<ReplicaSet>('apps/v1', 'ReplicaSet', spec);
const job = (spec: object) => applyDefaults(applyJobSelector({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid: 'uid-1' }, spec }, 'uid-1')) as Job;

describe('validateCreate: Deployment and ReplicaSet', () => {
  it('accepts a matching selector and template', () => {
    expect(messages(validateCreate(deployment({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) })))).toEqual([]);
    expect(messages(validateCreate(replicaSet({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) })))).toEqual([]);
  });

  it.each([
    [
      'a selector that does not match the template',
      deployment({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'x' }) }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'],
    ],
    [
      'a template restartPolicy other than Always',
      deployment({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }, { restartPolicy: 'OnFailure' }) }),
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
    [
      'no selector',
      deployment({ template: podTemplate({ app: 'web' }) }),
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    ['negative replicas', deployment({ replicas: -1, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'a rolling update that can never progress',
      deployment({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }), strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'an empty ReplicaSet selector',
      replicaSet({ selector: {}, template: podTemplate({ app: 'web' }) }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });

  it('refuses a selector change on update', () => {
    const old = deployment({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web', tier: 'x' }) });
    const changed = deployment({ selector: { matchLabels: { tier: 'x' } }, template: podTemplate({ app: 'web', tier: 'x' }) });
    expect(messages(validateUpdate(changed, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    expect(messages(validateUpdate(replicaSet({ ...changed.spec }), replicaSet({ ...old.spec })))).toHaveLength(1);
  });

  it('accepts a template change on update', () => {
    const old = deployment({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) });
    const changed = deployment({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web', version: '2' }) });
    expect(validateUpdate(changed, old)).toEqual([]);
  });
});

describe('validateCreate: Job', () => {
  it('accepts a job with a generated selector and restartPolicy Never', () => {
    expect(messages(validateCreate(job({ template: podTemplate({}, { restartPolicy: 'Never' }) })))).toEqual([]);
  });

  it.each([
    ['no restartPolicy (defaulted to Always)', job({ template: podTemplate({}) }), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    [
      'an unknown restartPolicy',
      job({ template: podTemplate({}, { restartPolicy: 'Sometimes' }) }),
      [
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
      ],
    ],
    ['a negative backoffLimit', job({ backoffLimit: -1, template: podTemplate({}, { restartPolicy: 'Never' }) }), ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']],
    [
      'a pod label that contradicts the generated one',
      job({ template: podTemplate({ 'job-name': 'other' }, { restartPolicy: 'Never' }) }),
      [
        "spec.template.metadata.labels[job-name]: Invalid value: map[string]string{\"batch.kubernetes.io/controller-uid\":\"uid-1\", \"batch.kubernetes.io/job-name\":\"pi\", \"controller-uid\":\"uid-1\", \"job-name\":\"other\"}: must be 'pi'",
      ],
    ],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });

  it('refuses a template change on update but allows parallelism changes', () => {
    const old = job({ template: podTemplate({}, { restartPolicy: 'Never' }) });
    const scaled = { ...old, spec: { ...old.spec, parallelism: 3 } };
    expect(validateUpdate(scaled, old)).toEqual([]);
    const retemplated = structuredClone(old);
    retemplated.spec!.template.spec!.containers[0].image = 'nginx:1.26';
    const errors = validateUpdate(retemplated, old);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('spec.template');
    expect(errors[0].message).toMatch(/^Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/);
  });

  it('lets a suspended job that never ran change its node selector', () => {
    const old = job({ suspend: true, template: podTemplate({}, { restartPolicy: 'Never' }) });
    const moved = structuredClone(old);
    moved.spec!.template.spec!.nodeSelector = { zone: 'a' };
    expect(validateUpdate(moved, old)).toEqual([]);
  });
});
