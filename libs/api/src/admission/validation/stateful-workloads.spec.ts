import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { STATEFUL_SET_SPEC_FORBIDDEN } from './stateful-set.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const podTemplate = (labels: Record<string, string>, spec: object = {}) => ({ metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], ...spec } });
const object = (apiVersion: string, kind: string, spec: object, name = 'web'): KubeObject =>
  applyDefaults({ apiVersion, kind, metadata: { name, namespace: 'default', uid: 'uid-1', resourceVersion: '1' }, spec });
const statefulSet = (spec: object, name?: string) => object('apps/v1', 'StatefulSet', { serviceName: 'web', ...spec }, name);
const daemonSet = (spec: object) => object('apps/v1', 'DaemonSet', spec);
const cronJob = (spec: object, name?: string) =>
  object('batch/v1', 'CronJob', { schedule: '*/5 * * * *', jobTemplate: { spec: { template: podTemplate({}, { restartPolicy: 'OnFailure' }) } }, ...spec }, name);
const selected = { selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) };

describe('validateCreate: StatefulSet', () => {
  it('accepts a matching selector and template, with or without a serviceName', () => {
    expect(messages(validateCreate(statefulSet(selected)))).toEqual([]);
    expect(messages(validateCreate(statefulSet({ ...selected, serviceName: undefined })))).toEqual([]);
  });

  it.each([
    ['a selector that does not match', statefulSet({ ...selected, template: podTemplate({ app: 'db' }) }), ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`']],
    ['no selector', statefulSet({ template: podTemplate({ app: 'web' }) }), ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`']],
    ['an empty selector', statefulSet({ ...selected, selector: {} }), ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset']],
    ['an unknown podManagementPolicy', statefulSet({ ...selected, podManagementPolicy: 'Random' }), ['spec.podManagementPolicy: Invalid value: "Random": must be \'OrderedReady\' or \'Parallel\'']],
    [
      'an unknown update strategy',
      statefulSet({ ...selected, updateStrategy: { type: 'Sometimes' } }),
      ['spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Sometimes", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be \'RollingUpdate\' or \'OnDelete\''],
    ],
    ['a negative partition', statefulSet({ ...selected, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }), ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0']],
    ['a template restartPolicy other than Always', statefulSet({ ...selected, template: podTemplate({ app: 'web' }, { restartPolicy: 'Never' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ['an unknown PVC retention', statefulSet({ ...selected, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }), ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"']],
    ['a name that is not a DNS label', statefulSet(selected, 'web.v1'), ['metadata.name: Invalid value: "web.v1": must not contain dots']],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });
});

describe('validateUpdate: StatefulSet', () => {
  const old = statefulSet(selected);

  it.each([
    ['replicas', { replicas: 5 }],
    ['the template', { template: podTemplate({ app: 'web', version: '2' }) }],
    ['the update strategy', { updateStrategy: { type: 'OnDelete' } }],
    ['minReadySeconds', { minReadySeconds: 10 }],
    ['the PVC retention', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }],
  ])('lets %s change', (_name, change) => {
    expect(messages(validateUpdate(statefulSet({ ...selected, ...change }), old))).toEqual([]);
  });

  it.each([
    ['the serviceName', { serviceName: 'other' }],
    ['the selector', { selector: { matchLabels: { app: 'web', tier: 'x' } }, template: podTemplate({ app: 'web', tier: 'x' }) }],
    ['the pod management policy', { podManagementPolicy: 'Parallel' }],
    ['the volume claim templates', { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] }],
  ])('forbids a change to %s', (_name, change) => {
    expect(messages(validateUpdate(statefulSet({ ...selected, ...change }), old))).toEqual([`spec: Forbidden: ${STATEFUL_SET_SPEC_FORBIDDEN}`]);
  });
});

describe('validateCreate: DaemonSet', () => {
  it('accepts a matching selector and template', () => {
    expect(messages(validateCreate(daemonSet(selected)))).toEqual([]);
  });

  it.each([
    ['a selector that does not match', daemonSet({ ...selected, template: podTemplate({ app: 'db' }) }), ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`']],
    ['an empty selector', daemonSet({ ...selected, selector: {} }), ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset']],
    ['both maxSurge and maxUnavailable', daemonSet({ ...selected, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } } }), ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"10%"}: may not be set when maxUnavailable is non-zero']],
    ['neither of them', daemonSet({ ...selected, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']],
    [
      'an unknown strategy',
      daemonSet({ ...selected, updateStrategy: { type: 'Gradual' } }),
      ['spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Gradual", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"'],
    ],
    ['a container without an image', daemonSet({ ...selected, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web' }] } } }), ['spec.template.spec.containers[0].image: Required value']],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });

  it('refuses a selector change on update', () => {
    const changed = daemonSet({ selector: { matchLabels: { tier: 'x' } }, template: podTemplate({ app: 'web', tier: 'x' }) });
    expect(messages(validateUpdate(changed, daemonSet(selected)))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('validateCreate: CronJob', () => {
  it.each(['*/1 * * * *', '@hourly', '0 9 * * MON-FRI', '@every 1h'])('accepts the schedule %j', (schedule) => {
    expect(messages(validateCreate(cronJob({ schedule })))).toEqual([]);
  });

  it.each([
    ['a schedule with four fields', cronJob({ schedule: '* * * *' }), ['spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]']],
    ['an out-of-range minute', cronJob({ schedule: '61 * * * *' }), ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']],
    ['no schedule', cronJob({ schedule: '' }), ['spec.schedule: Required value']],
    ['TZ= in the schedule', cronJob({ schedule: 'TZ=UTC 0 * * * *' }), ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']],
    ['an unknown time zone', cronJob({ timeZone: 'Mars/Olympus' }), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    ['a badly spelled time zone', cronJob({ timeZone: 'europe/paris' }), ['spec.timeZone: Invalid value: "europe/paris": unknown time zone europe/paris']],
    ['Local', cronJob({ timeZone: 'Local' }), ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']],
    ['an unknown concurrency policy', cronJob({ concurrencyPolicy: 'Sometimes' }), ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"']],
    [
      'a job template restartPolicy of Always',
      cronJob({ jobTemplate: { spec: { template: podTemplate({}) } } }),
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      'a job template with a selector',
      cronJob({ jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, template: podTemplate({ a: 'b' }, { restartPolicy: 'Never' }) } } }),
      ['spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated'],
    ],
    ['a name longer than 52 characters', cronJob({}, 'a'.repeat(53)), [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`]],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });

  it('accepts an IANA time zone and lets an old TZ= schedule be kept on update', () => {
    expect(messages(validateCreate(cronJob({ timeZone: 'America/New_York' })))).toEqual([]);
    const legacy = cronJob({ schedule: 'TZ=UTC 0 * * * *' });
    expect(messages(validateUpdate(cronJob({ schedule: 'TZ=UTC 5 * * * *' }), legacy))).toEqual([]);
    expect(messages(validateUpdate(cronJob({ schedule: 'TZ=UTC 5 * * * *', timeZone: 'UTC' }), legacy))).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 5 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule',
    ]);
  });
});

describe('validate: ControllerRevision', () => {
  const revision = (data: unknown, revisionNumber = 1): KubeObject => ({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-1', namespace: 'default', resourceVersion: '1' }, data, revision: revisionNumber });

  it('requires data and a non-negative revision', () => {
    expect(messages(validateCreate(revision(undefined, -1)))).toEqual(['data: Required value: data is mandatory', 'revision: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('refuses a change to its data', () => {
    expect(messages(validateUpdate(revision({ spec: 2 }), revision({ spec: 1 })))).toEqual(['data: Invalid value: runtime.RawExtension{Raw:[]uint8("{\\"spec\\":2}"), Object:runtime.Object(nil)}: field is immutable']);
  });
});
