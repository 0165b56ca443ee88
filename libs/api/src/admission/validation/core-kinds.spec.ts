import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { PersistentVolume, PersistentVolumeClaim, PodTemplate, ReplicationController, ResourceQuota } from '../../typed-objects.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const make = <T extends KubeObject>(kind: string, body: object, metadata: object = { name: 'task-pv-claim', namespace: 'default' }, apiVersion = 'v1'): T =>
  applyDefaults({ apiVersion, kind, metadata, ...body }) as T;
const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } };

describe('PersistentVolumeClaim', () => {
  // https://kubernetes.io/docs/tasks/configure-pod-container/configure-persistent-volume-storage/
  const docsSpec = { storageClassName: 'manual', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } } };
  const claim = (spec: object, status?: object) => make<PersistentVolumeClaim>('PersistentVolumeClaim', { spec, ...(status ? { status } : {}) });

  it('defaults volumeMode and the Pending phase, and accepts the documentation claim', () => {
    const defaulted = claim(docsSpec);
    expect(defaulted.spec?.volumeMode).toBe('Filesystem');
    expect(defaulted.status).toEqual({ phase: 'Pending' });
    expect(validateCreate(defaulted)).toEqual([]);
  });

  it.each([
    ['no access modes and no storage request', { resources: {} }, ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']],
    ['an unknown access mode', { ...docsSpec, accessModes: ['ReadWriteSometimes'] }, ['spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']],
    ['ReadWriteOncePod with another mode', { ...docsSpec, accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] }, ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],
    ['a zero request', { ...docsSpec, resources: { requests: { storage: '0' } } }, ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
    ['an unknown volumeMode', { ...docsSpec, volumeMode: 'Raw' }, ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"']],
    ['a snapshot data source without apiGroup', { ...docsSpec, dataSource: { kind: 'VolumeSnapshot', name: 's' } }, ['spec.dataSource: Invalid value: "VolumeSnapshot": must be \'PersistentVolumeClaim\' when referencing the default apiGroup']],
  ])('refuses %s', (_name, spec, expected) => {
    expect(messages(validateCreate(claim(spec)))).toEqual(expected);
  });

  it('lets a bound claim grow, but refuses other spec changes and a smaller request', () => {
    const bound = claim({ ...docsSpec, volumeName: 'task-pv-volume' }, { phase: 'Bound', capacity: { storage: '3Gi' } });
    const grown = { ...bound, spec: { ...bound.spec, resources: { requests: { storage: '5Gi' } } } };
    expect(validateUpdate(grown, bound)).toEqual([]);
    const shrunk = { ...bound, spec: { ...bound.spec, resources: { requests: { storage: '1Gi' } } } };
    expect(messages(validateUpdate(shrunk, bound))).toEqual(['spec.resources.requests.storage: Forbidden: field can not be less than status.capacity']);
    const remoded = { ...bound, spec: { ...bound.spec, accessModes: ['ReadOnlyMany'] } };
    expect(messages(validateUpdate(remoded, bound))[0]).toMatch(
      /^spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n {2}core.PersistentVolumeClaimSpec\{\n- \tAccessModes\[0\]: "ReadWriteOnce",\n\+ \tAccessModes\[0\]: "ReadOnlyMany",/,
    );
  });

  it('lets the binder set volumeName once', () => {
    const pending = claim(docsSpec);
    expect(validateUpdate({ ...pending, spec: { ...pending.spec, volumeName: 'pv-1' } }, pending)).toEqual([]);
  });
});

describe('PersistentVolume', () => {
  // https://kubernetes.io/docs/tasks/configure-pod-container/configure-persistent-volume-storage/
  const docsSpec = { storageClassName: 'manual', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } };
  const volume = (spec: object) => make<PersistentVolume>('PersistentVolume', { spec }, { name: 'task-pv-volume' });

  it('defaults Retain, Filesystem and Pending, and accepts the documentation volume', () => {
    const defaulted = volume(docsSpec);
    expect([defaulted.spec?.persistentVolumeReclaimPolicy, defaulted.spec?.volumeMode, defaulted.status?.phase]).toEqual(['Retain', 'Filesystem', 'Pending']);
    expect(validateCreate(defaulted)).toEqual([]);
  });

  it.each([
    ['nothing', {}, ['spec.accessModes: Required value', 'spec.capacity: Required value', 'spec.capacity: Unsupported value: core.ResourceList{}: supported values: "storage"', 'spec: Required value: must specify a volume type']],
    ['two sources', { ...docsSpec, nfs: { server: 'nfs', path: '/exports' } }, ['spec.nfs: Forbidden: may not specify more than 1 volume type']],
    ['a relative NFS path', { ...docsSpec, hostPath: undefined, nfs: { server: 'nfs', path: 'exports' } }, ['spec.nfs.path: Invalid value: "exports": must be an absolute path']],
    ['a local volume without node affinity', { ...docsSpec, hostPath: undefined, local: { path: '/mnt/disks/ssd1' } }, ['spec.nodeAffinity: Required value: Local volume requires node affinity']],
    ['an unknown reclaim policy', { ...docsSpec, persistentVolumeReclaimPolicy: 'Keep' }, ['spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"']],
  ])('refuses %s', (_name, spec, expected) => {
    expect(messages(validateCreate(volume(spec)))).toEqual(expected);
  });

  it('refuses a changed source and volumeMode', () => {
    const old = volume(docsSpec);
    const changed = { ...old, spec: { ...old.spec, hostPath: { path: '/mnt/other' }, volumeMode: 'Block' } };
    const errors = messages(validateUpdate(changed, old));
    expect(errors[0]).toMatch(/^spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n {2}core.PersistentVolumeSource\{/);
    expect(errors[1]).toBe('volumeMode: Invalid value: "Block": field is immutable');
  });
});

describe('StorageClass', () => {
  // https://kubernetes.io/docs/concepts/storage/storage-classes/
  const storageClass = (body: object) => make('StorageClass', body, { name: 'low-latency' }, 'storage.k8s.io/v1');
  const docs = { provisioner: 'csi-driver.example-vendor.example', allowVolumeExpansion: true, mountOptions: ['discard'], parameters: { guaranteedReadWriteLatency: 'true' } };

  it('defaults Delete and Immediate, and accepts the documentation class', () => {
    const defaulted = storageClass(docs);
    expect([defaulted.reclaimPolicy, defaulted.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
    expect(validateCreate(defaulted)).toEqual([]);
  });

  it.each([
    ['no provisioner', {}, ['provisioner: Required value']],
    ['Recycle', { ...docs, reclaimPolicy: 'Recycle' }, ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['an unknown binding mode', { ...docs, volumeBindingMode: 'Later' }, ['volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"']],
  ])('refuses %s', (_name, body, expected) => {
    expect(messages(validateCreate(storageClass(body)))).toEqual(expected);
  });

  it('refuses changes to provisioner, parameters, reclaimPolicy and volumeBindingMode', () => {
    const old = storageClass(docs);
    const changed = { ...old, provisioner: 'other.example', parameters: {}, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' };
    expect(messages(validateUpdate(changed, old))).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
    expect(validateUpdate({ ...old, allowVolumeExpansion: false }, old)).toEqual([]);
  });
});

describe('ResourceQuota', () => {
  // https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/quota-memory-cpu-namespace/
  const quota = (spec: object) => make<ResourceQuota>('ResourceQuota', { spec }, { name: 'mem-cpu-demo', namespace: 'default' });
  const docs = { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' } };

  it('accepts the documentation quota and canonicalizes quantities', () => {
    const defaulted = quota({ hard: { ...docs.hard, 'limits.cpu': '2000m' } });
    expect(defaulted.spec?.hard?.['limits.cpu']).toBe('2');
    expect(validateCreate(defaulted)).toEqual([]);
  });

  it.each([
    ['an unknown resource', { hard: { memoty: '1Gi' } }, ['spec.hard[memoty]: Invalid value: "memoty": must be a standard resource type or fully qualified', 'spec.hard[memoty]: Invalid value: "memoty": must be a standard resource for quota']],
    ['a fractional count', { hard: { pods: '1.5' } }, ['spec.hard[pods]: Invalid value: "1500m": must be an integer']],
    ['a BestEffort quota on cpu', { hard: { cpu: '1' }, scopes: ['BestEffort'] }, ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource']],
    ['contradicting scopes', { hard: { pods: '1' }, scopes: ['Terminating', 'NotTerminating'] }, ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes']],
  ])('refuses %s', (_name, spec, expected) => {
    expect(messages(validateCreate(quota(spec)))).toEqual(expected);
  });

  it('refuses a change of scopes', () => {
    const old = quota({ hard: { pods: '1' }, scopes: ['BestEffort'] });
    expect(messages(validateUpdate({ ...old, spec: { hard: { pods: '1' } } }, old))).toEqual(['spec.scopes: Invalid value: []core.ResourceQuotaScope(nil): field is immutable']);
  });
});

describe('ReplicationController', () => {
  // https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/
  const rc = (spec: object, metadata: object = { name: 'nginx', namespace: 'default' }) => make<ReplicationController>('ReplicationController', { spec }, metadata);

  it('takes the selector and labels from the template and defaults one replica', () => {
    const defaulted = rc({ template });
    expect(defaulted.spec?.selector).toEqual({ app: 'nginx' });
    expect(defaulted.metadata.labels).toEqual({ app: 'nginx' });
    expect(defaulted.spec?.replicas).toBe(1);
    expect(defaulted.spec?.template?.spec?.restartPolicy).toBe('Always');
    expect(validateCreate(defaulted)).toEqual([]);
  });

  it.each([
    ['a selector the template does not match', rc({ replicas: 3, selector: { app: 'web' }, template }), ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`']],
    ['no template and no selector', rc({}), ['spec.selector: Required value', 'spec.template: Required value']],
    [
      'a negative replica count and a Never restart policy',
      rc({ replicas: -1, template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } }),
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0', 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
  ])('refuses %s', (_name, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });
});

describe('PodTemplate, ServiceAccount', () => {
  it('defaults and validates a PodTemplate\'s template', () => {
    const podTemplate = make<PodTemplate>('PodTemplate', { template }, { name: 'nginx', namespace: 'default' });
    expect(podTemplate.template?.spec?.dnsPolicy).toBe('ClusterFirst');
    expect(validateCreate(podTemplate)).toEqual([]);
    const broken = make('PodTemplate', { template: { spec: { containers: [{ name: 'nginx' }] } } }, { name: 'nginx', namespace: 'default' });
    expect(messages(validateCreate(broken))).toEqual(['template.spec.containers[0].image: Required value']);
  });

  it('checks a ServiceAccount\'s metadata only', () => {
    expect(validateCreate(make('ServiceAccount', { automountServiceAccountToken: false }, { name: 'build-robot', namespace: 'default' }))).toEqual([]);
    expect(messages(validateCreate(make('ServiceAccount', {}, { name: 'Build', namespace: 'default' })))[0]).toMatch(/^metadata.name: Invalid value: "Build": a lowercase RFC 1123 subdomain/);
  });
});
